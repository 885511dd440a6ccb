ALTER TYPE "public"."notification_kind" ADD VALUE 'system_alert';--> statement-breakpoint
CREATE TABLE "job_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"job" text NOT NULL,
	"trigger" text NOT NULL,
	"runner" text NOT NULL,
	"run_key" text,
	"started_at" timestamp with time zone NOT NULL,
	"duration_ms" integer NOT NULL,
	"outcome" text NOT NULL,
	"error" text,
	CONSTRAINT "job_runs_duration_non_negative" CHECK ("job_runs"."duration_ms" >= 0)
);
--> statement-breakpoint
CREATE TABLE "maintenance_mode" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"on" boolean DEFAULT false NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"changed_by_id" text,
	CONSTRAINT "maintenance_mode_one_row" CHECK ("maintenance_mode"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "slow_operations" (
	"fingerprint" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"statement" text NOT NULL,
	"occurrences" integer DEFAULT 1 NOT NULL,
	"last_ms" integer NOT NULL,
	"max_ms" integer NOT NULL,
	"last_request_id" text,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_alerted_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "maintenance_mode" ADD CONSTRAINT "maintenance_mode_changed_by_id_users_id_fk" FOREIGN KEY ("changed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "job_runs_job_started_idx" ON "job_runs" USING btree ("job","started_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "job_runs_started_idx" ON "job_runs" USING btree ("started_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "slow_operations_last_seen_idx" ON "slow_operations" USING btree ("last_seen_at" DESC NULLS LAST);