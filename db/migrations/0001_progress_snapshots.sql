CREATE TABLE "progress_snapshots" (
	"ppa_id" uuid NOT NULL,
	"day" date NOT NULL,
	"progress" integer NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "progress_snapshots_ppa_id_day_pk" PRIMARY KEY("ppa_id","day"),
	CONSTRAINT "progress_snapshots_progress_range" CHECK ("progress_snapshots"."progress" between 0 and 100)
);
--> statement-breakpoint
ALTER TABLE "progress_snapshots" ADD CONSTRAINT "progress_snapshots_ppa_id_ppas_id_fk" FOREIGN KEY ("ppa_id") REFERENCES "public"."ppas"("id") ON DELETE cascade ON UPDATE no action;