ALTER TYPE "public"."alert_type" ADD VALUE 'behind_plan';--> statement-breakpoint
CREATE TABLE "indicator_accomplishments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ppa_id" uuid NOT NULL,
	"indicator_key" uuid NOT NULL,
	"quarter" integer NOT NULL,
	"accomplished" numeric(14, 2) NOT NULL,
	"explanation" text,
	"recorded_by_id" text,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicator_accomplishments_quarter" CHECK ("indicator_accomplishments"."quarter" between 1 and 4),
	CONSTRAINT "indicator_accomplishments_non_negative" CHECK ("indicator_accomplishments"."accomplished" >= 0)
);
--> statement-breakpoint
CREATE TABLE "plan_alert_quarters" (
	"ppa_id" uuid NOT NULL,
	"quarter" integer NOT NULL,
	"alert_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_alert_quarters_ppa_id_quarter_pk" PRIMARY KEY("ppa_id","quarter")
);
--> statement-breakpoint
CREATE TABLE "plan_disbursement_targets" (
	"version_id" uuid NOT NULL,
	"allotment_class" "appropriation_class" NOT NULL,
	"month" integer NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	CONSTRAINT "plan_disbursement_targets_version_id_allotment_class_month_pk" PRIMARY KEY("version_id","allotment_class","month"),
	CONSTRAINT "plan_disbursement_targets_month" CHECK ("plan_disbursement_targets"."month" between 1 and 12),
	CONSTRAINT "plan_disbursement_targets_non_negative" CHECK ("plan_disbursement_targets"."amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "plan_indicators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version_id" uuid NOT NULL,
	"key" uuid NOT NULL,
	"name" text NOT NULL,
	"unit" text NOT NULL,
	"annual_target" numeric(14, 2) NOT NULL,
	"q1_target" numeric(14, 2) NOT NULL,
	"q2_target" numeric(14, 2) NOT NULL,
	"q3_target" numeric(14, 2) NOT NULL,
	"q4_target" numeric(14, 2) NOT NULL,
	"work_item_id" uuid,
	"sort_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "plan_indicators_name_present" CHECK (length(trim("plan_indicators"."name")) > 0),
	CONSTRAINT "plan_indicators_targets_sum" CHECK ("plan_indicators"."q1_target" + "plan_indicators"."q2_target" + "plan_indicators"."q3_target" + "plan_indicators"."q4_target" = "plan_indicators"."annual_target"),
	CONSTRAINT "plan_indicators_targets_non_negative" CHECK (least("plan_indicators"."q1_target", "plan_indicators"."q2_target", "plan_indicators"."q3_target", "plan_indicators"."q4_target") >= 0)
);
--> statement-breakpoint
CREATE TABLE "plan_obligation_targets" (
	"version_id" uuid NOT NULL,
	"allotment_class" "appropriation_class" NOT NULL,
	"quarter" integer NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	CONSTRAINT "plan_obligation_targets_version_id_allotment_class_quarter_pk" PRIMARY KEY("version_id","allotment_class","quarter"),
	CONSTRAINT "plan_obligation_targets_quarter" CHECK ("plan_obligation_targets"."quarter" between 1 and 4),
	CONSTRAINT "plan_obligation_targets_non_negative" CHECK ("plan_obligation_targets"."amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "plan_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ppa_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"based_on_id" uuid,
	"locked_at" timestamp with time zone,
	"locked_by_id" text,
	"created_by_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_versions_version_positive" CHECK ("plan_versions"."version" >= 1),
	CONSTRAINT "plan_versions_revision_based" CHECK (("plan_versions"."version" = 1) = ("plan_versions"."based_on_id" is null))
);
--> statement-breakpoint
ALTER TABLE "indicator_accomplishments" ADD CONSTRAINT "indicator_accomplishments_ppa_id_ppas_id_fk" FOREIGN KEY ("ppa_id") REFERENCES "public"."ppas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_accomplishments" ADD CONSTRAINT "indicator_accomplishments_recorded_by_id_users_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_alert_quarters" ADD CONSTRAINT "plan_alert_quarters_ppa_id_ppas_id_fk" FOREIGN KEY ("ppa_id") REFERENCES "public"."ppas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_alert_quarters" ADD CONSTRAINT "plan_alert_quarters_alert_id_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."alerts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_disbursement_targets" ADD CONSTRAINT "plan_disbursement_targets_version_id_plan_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."plan_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_indicators" ADD CONSTRAINT "plan_indicators_version_id_plan_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."plan_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_indicators" ADD CONSTRAINT "plan_indicators_work_item_id_work_items_id_fk" FOREIGN KEY ("work_item_id") REFERENCES "public"."work_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_obligation_targets" ADD CONSTRAINT "plan_obligation_targets_version_id_plan_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."plan_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_ppa_id_ppas_id_fk" FOREIGN KEY ("ppa_id") REFERENCES "public"."ppas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_based_on_id_plan_versions_id_fk" FOREIGN KEY ("based_on_id") REFERENCES "public"."plan_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_locked_by_id_users_id_fk" FOREIGN KEY ("locked_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_accomplishments_quarter_idx" ON "indicator_accomplishments" USING btree ("ppa_id","indicator_key","quarter");--> statement-breakpoint
CREATE INDEX "plan_alert_quarters_alert_idx" ON "plan_alert_quarters" USING btree ("alert_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_indicators_version_key_idx" ON "plan_indicators" USING btree ("version_id","key");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_versions_ppa_version_idx" ON "plan_versions" USING btree ("ppa_id","version");--> statement-breakpoint
-- hand-written below
-- A plan version locked with the budget is immutable: its row and its lines can no longer change, and no line
-- can be added to it. Rows may still go when their PPA is deleted (the cascade).
CREATE FUNCTION "plan_version_is_locked"(of_version uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT locked_at IS NOT NULL FROM plan_versions WHERE id = of_version
$$;
--> statement-breakpoint
CREATE FUNCTION "plan_lines_refuse_locked"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (TG_OP = 'UPDATE' AND plan_version_is_locked(OLD.version_id)) OR coalesce(plan_version_is_locked(NEW.version_id), false) THEN
    RAISE EXCEPTION 'plan version % is locked with the budget', NEW.version_id USING ERRCODE = 'check_violation', CONSTRAINT = 'plan_version_locked';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "plan_obligation_targets_locked" BEFORE INSERT OR UPDATE ON "plan_obligation_targets" FOR EACH ROW EXECUTE FUNCTION "plan_lines_refuse_locked"();
--> statement-breakpoint
CREATE TRIGGER "plan_disbursement_targets_locked" BEFORE INSERT OR UPDATE ON "plan_disbursement_targets" FOR EACH ROW EXECUTE FUNCTION "plan_lines_refuse_locked"();
--> statement-breakpoint
CREATE TRIGGER "plan_indicators_locked" BEFORE INSERT OR UPDATE ON "plan_indicators" FOR EACH ROW EXECUTE FUNCTION "plan_lines_refuse_locked"();
--> statement-breakpoint
CREATE FUNCTION "plan_versions_refuse_locked"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.locked_at IS NOT NULL THEN
    RAISE EXCEPTION 'plan version % is locked with the budget', OLD.id USING ERRCODE = 'check_violation', CONSTRAINT = 'plan_version_locked';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "plan_versions_locked" BEFORE UPDATE ON "plan_versions" FOR EACH ROW EXECUTE FUNCTION "plan_versions_refuse_locked"();
--> statement-breakpoint
-- A draft's lines are replaced by deleting them; a locked version (and its lines) only goes with its PPA: once
-- the cascade has removed the PPA, the version is no longer found and the check passes.
CREATE FUNCTION "plan_lines_refuse_locked_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(plan_version_is_locked(OLD.version_id), false) THEN
    RAISE EXCEPTION 'plan version % is locked with the budget', OLD.version_id USING ERRCODE = 'check_violation', CONSTRAINT = 'plan_version_locked';
  END IF;
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "plan_obligation_targets_locked_delete" BEFORE DELETE ON "plan_obligation_targets" FOR EACH ROW EXECUTE FUNCTION "plan_lines_refuse_locked_delete"();
--> statement-breakpoint
CREATE TRIGGER "plan_disbursement_targets_locked_delete" BEFORE DELETE ON "plan_disbursement_targets" FOR EACH ROW EXECUTE FUNCTION "plan_lines_refuse_locked_delete"();
--> statement-breakpoint
CREATE TRIGGER "plan_indicators_locked_delete" BEFORE DELETE ON "plan_indicators" FOR EACH ROW EXECUTE FUNCTION "plan_lines_refuse_locked_delete"();
--> statement-breakpoint
CREATE FUNCTION "plan_versions_refuse_locked_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.locked_at IS NOT NULL AND EXISTS (SELECT 1 FROM ppas WHERE id = OLD.ppa_id) THEN
    RAISE EXCEPTION 'plan version % is locked with the budget', OLD.id USING ERRCODE = 'check_violation', CONSTRAINT = 'plan_version_locked';
  END IF;
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "plan_versions_locked_delete" BEFORE DELETE ON "plan_versions" FOR EACH ROW EXECUTE FUNCTION "plan_versions_refuse_locked_delete"();
