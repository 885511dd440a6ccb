CREATE TYPE "public"."ledger_entry_kind" AS ENUM('obligation', 'disbursement');--> statement-breakpoint
CREATE TYPE "public"."notification_kind" AS ENUM('review_waiting', 'ppa_approved', 'ppa_rejected', 'ppa_enacted', 'alert_raised', 'budget_unlocked', 'daily_digest');--> statement-breakpoint
CREATE TABLE "email_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"delivery_key" text NOT NULL,
	"recipient_id" text NOT NULL,
	"notification_id" uuid,
	"to_address" text NOT NULL,
	"subject" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	CONSTRAINT "email_deliveries_attempts_non_negative" CHECK ("email_deliveries"."attempts" >= 0)
);
--> statement-breakpoint
CREATE TABLE "notification_preferences" (
	"user_id" text NOT NULL,
	"kind" "notification_kind" NOT NULL,
	"email_enabled" boolean NOT NULL,
	CONSTRAINT "notification_preferences_user_id_kind_pk" PRIMARY KEY("user_id","kind")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"recipient_id" text NOT NULL,
	"kind" "notification_kind" NOT NULL,
	"ppa_id" uuid,
	"source_event_id" text NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"link" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone,
	CONSTRAINT "notifications_link_is_path" CHECK (left("notifications"."link", 1) = '/')
);
--> statement-breakpoint
ALTER TABLE "expenditure_entries" DROP CONSTRAINT "expenditure_entries_amount_positive";--> statement-breakpoint
ALTER TABLE "expenditure_entries" ADD COLUMN "kind" "ledger_entry_kind" DEFAULT 'disbursement' NOT NULL;--> statement-breakpoint
ALTER TABLE "expenditure_entries" ADD COLUMN "reference_no" text;--> statement-breakpoint
ALTER TABLE "expenditure_entries" ADD COLUMN "reverses_id" uuid;--> statement-breakpoint
ALTER TABLE "expenditure_entries" ADD COLUMN "reversal_reason" text;--> statement-breakpoint
ALTER TABLE "email_deliveries" ADD CONSTRAINT "email_deliveries_recipient_id_users_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_deliveries" ADD CONSTRAINT "email_deliveries_notification_id_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."notifications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_recipient_id_users_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_ppa_id_ppas_id_fk" FOREIGN KEY ("ppa_id") REFERENCES "public"."ppas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "email_deliveries_once" ON "email_deliveries" USING btree ("delivery_key");--> statement-breakpoint
CREATE INDEX "email_deliveries_unsent_idx" ON "email_deliveries" USING btree ("created_at") WHERE "email_deliveries"."sent_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_once_per_event" ON "notifications" USING btree ("source_event_id","recipient_id");--> statement-breakpoint
CREATE INDEX "notifications_recipient_idx" ON "notifications" USING btree ("recipient_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "notifications_unread_idx" ON "notifications" USING btree ("recipient_id") WHERE "notifications"."read_at" is null;--> statement-breakpoint
ALTER TABLE "expenditure_entries" ADD CONSTRAINT "expenditure_entries_reverses_id_expenditure_entries_id_fk" FOREIGN KEY ("reverses_id") REFERENCES "public"."expenditure_entries"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "expenditure_entries_reversed_once" ON "expenditure_entries" USING btree ("reverses_id");--> statement-breakpoint
ALTER TABLE "expenditure_entries" ADD CONSTRAINT "expenditure_entries_amount_sign" CHECK (("expenditure_entries"."reverses_id" is null and "expenditure_entries"."amount" > 0) or ("expenditure_entries"."reverses_id" is not null and "expenditure_entries"."amount" < 0));--> statement-breakpoint
ALTER TABLE "expenditure_entries" ADD CONSTRAINT "expenditure_entries_reversal_has_reason" CHECK (("expenditure_entries"."reverses_id" is null) = ("expenditure_entries"."reversal_reason" is null) and length(trim(coalesce("expenditure_entries"."reversal_reason", 'x'))) > 0);