CREATE TYPE "public"."modification_action" AS ENUM('submit', 'endorse', 'approve', 'reject', 'return', 'withdraw');--> statement-breakpoint
CREATE TYPE "public"."modification_route" AS ENUM('moa_head', 'mfbm');--> statement-breakpoint
CREATE TYPE "public"."modification_status" AS ENUM('draft', 'submitted', 'approved', 'rejected', 'returned', 'withdrawn');--> statement-breakpoint
ALTER TYPE "public"."appropriation_class" ADD VALUE 'FE' BEFORE 'CO';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'modification_waiting';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'modification_decided';--> statement-breakpoint
ALTER TYPE "public"."user_role" ADD VALUE 'moa_head';--> statement-breakpoint
CREATE TABLE "budget_transfers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ppa_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"line_id" uuid NOT NULL,
	"work_item_id" uuid NOT NULL,
	"amount_in" numeric(18, 2) DEFAULT '0' NOT NULL,
	"amount_out" numeric(18, 2) DEFAULT '0' NOT NULL,
	"posted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "budget_transfers_one_direction" CHECK (("budget_transfers"."amount_in" > 0 and "budget_transfers"."amount_out" = 0) or ("budget_transfers"."amount_out" > 0 and "budget_transfers"."amount_in" = 0))
);
--> statement-breakpoint
CREATE TABLE "modification_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"from_work_item_id" uuid NOT NULL,
	"to_work_item_id" uuid NOT NULL,
	"from_class" "appropriation_class",
	"to_class" "appropriation_class",
	"from_object" text,
	"to_object" text,
	"amount" numeric(18, 2) NOT NULL,
	CONSTRAINT "modification_lines_amount_positive" CHECK ("modification_lines"."amount" > 0),
	CONSTRAINT "modification_lines_two_items" CHECK ("modification_lines"."from_work_item_id" <> "modification_lines"."to_work_item_id")
);
--> statement-breakpoint
CREATE TABLE "modification_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ppa_id" uuid NOT NULL,
	"status" "modification_status" DEFAULT 'draft' NOT NULL,
	"justification" text NOT NULL,
	"attachment_links" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"total_amount" numeric(18, 2) DEFAULT '0' NOT NULL,
	"route" "modification_route",
	"needs_executive" boolean DEFAULT false NOT NULL,
	"awaiting_role" "user_role",
	"requested_by_id" text NOT NULL,
	"submitted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "modification_requests_justification_present" CHECK (length(trim("modification_requests"."justification")) > 0),
	CONSTRAINT "modification_requests_submitted_has_route" CHECK ("modification_requests"."status" <> 'submitted' or ("modification_requests"."route" is not null and "modification_requests"."awaiting_role" is not null))
);
--> statement-breakpoint
CREATE TABLE "modification_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"action" "modification_action" NOT NULL,
	"actor_role" "user_role" NOT NULL,
	"comment" text,
	"actor_id" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "modification_steps_reject_has_comment" CHECK ("modification_steps"."action" not in ('reject', 'return') or length(trim(coalesce("modification_steps"."comment", ''))) > 0)
);
--> statement-breakpoint
ALTER TABLE "work_items" ADD COLUMN "transfers_in" numeric(18, 2) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "work_items" ADD COLUMN "transfers_out" numeric(18, 2) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "work_items" ADD COLUMN "adjusted_budget" numeric(18, 2) GENERATED ALWAYS AS (allocated_budget + transfers_in - transfers_out) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "work_items" ADD COLUMN "appropriation_class" "appropriation_class";--> statement-breakpoint
ALTER TABLE "work_items" ADD COLUMN "object_of_expenditure" text;--> statement-breakpoint
ALTER TABLE "budget_transfers" ADD CONSTRAINT "budget_transfers_ppa_id_ppas_id_fk" FOREIGN KEY ("ppa_id") REFERENCES "public"."ppas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_transfers" ADD CONSTRAINT "budget_transfers_request_id_modification_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."modification_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_transfers" ADD CONSTRAINT "budget_transfers_line_id_modification_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."modification_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_transfers" ADD CONSTRAINT "budget_transfers_work_item_id_work_items_id_fk" FOREIGN KEY ("work_item_id") REFERENCES "public"."work_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "modification_lines" ADD CONSTRAINT "modification_lines_request_id_modification_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."modification_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "modification_lines" ADD CONSTRAINT "modification_lines_from_work_item_id_work_items_id_fk" FOREIGN KEY ("from_work_item_id") REFERENCES "public"."work_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "modification_lines" ADD CONSTRAINT "modification_lines_to_work_item_id_work_items_id_fk" FOREIGN KEY ("to_work_item_id") REFERENCES "public"."work_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "modification_requests" ADD CONSTRAINT "modification_requests_ppa_id_ppas_id_fk" FOREIGN KEY ("ppa_id") REFERENCES "public"."ppas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "modification_requests" ADD CONSTRAINT "modification_requests_requested_by_id_users_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "modification_steps" ADD CONSTRAINT "modification_steps_request_id_modification_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."modification_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "modification_steps" ADD CONSTRAINT "modification_steps_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "budget_transfers_item_idx" ON "budget_transfers" USING btree ("work_item_id");--> statement-breakpoint
CREATE INDEX "budget_transfers_ppa_idx" ON "budget_transfers" USING btree ("ppa_id");--> statement-breakpoint
CREATE INDEX "modification_lines_request_idx" ON "modification_lines" USING btree ("request_id","position");--> statement-breakpoint
CREATE INDEX "modification_lines_from_idx" ON "modification_lines" USING btree ("from_work_item_id");--> statement-breakpoint
CREATE INDEX "modification_requests_ppa_idx" ON "modification_requests" USING btree ("ppa_id","created_at");--> statement-breakpoint
CREATE INDEX "modification_requests_status_idx" ON "modification_requests" USING btree ("status","submitted_at");--> statement-breakpoint
CREATE INDEX "modification_steps_request_idx" ON "modification_steps" USING btree ("request_id","at");--> statement-breakpoint
ALTER TABLE "work_items" ADD CONSTRAINT "work_items_transfers_non_negative" CHECK ("work_items"."transfers_in" >= 0 and "work_items"."transfers_out" >= 0);--> statement-breakpoint
ALTER TABLE "work_items" ADD CONSTRAINT "work_items_adjusted_non_negative" CHECK ("work_items"."transfers_out" = 0 or "work_items"."allocated_budget" + "work_items"."transfers_in" - "work_items"."transfers_out" >= 0);--> statement-breakpoint
-- hand-written below
-- Each item's transfer sums follow its postings in the same transaction (the ppa_ledger_totals pattern):
-- the tree, reports and alerts read work_items.adjusted_budget and never sum the postings.
CREATE FUNCTION "work_item_transfers_follow"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE work_items w
  SET transfers_in = w.transfers_in + a.amount_in, transfers_out = w.transfers_out + a.amount_out
  FROM (SELECT work_item_id, sum(amount_in) AS amount_in, sum(amount_out) AS amount_out FROM added GROUP BY work_item_id) a
  WHERE w.id = a.work_item_id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "work_item_transfers_on_insert" AFTER INSERT ON "budget_transfers"
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION "work_item_transfers_follow"();
--> statement-breakpoint
-- A posting is the record of an approved decision: it is never changed (only its PPA's deletion removes it).
CREATE FUNCTION "budget_transfers_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'budget transfers are immutable' USING ERRCODE = 'check_violation', CONSTRAINT = 'budget_transfers_immutable';
END
$$;
--> statement-breakpoint
CREATE TRIGGER "budget_transfers_no_update" BEFORE UPDATE ON "budget_transfers"
  FOR EACH ROW EXECUTE FUNCTION "budget_transfers_immutable"();
