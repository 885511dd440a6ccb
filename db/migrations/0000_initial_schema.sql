CREATE TYPE "public"."alert_severity" AS ENUM('info', 'low', 'medium', 'high', 'critical');--> statement-breakpoint
CREATE TYPE "public"."alert_type" AS ENUM('overspending', 'underspending', 'workflow_blocked', 'milestone_missed', 'approval_bottleneck');--> statement-breakpoint
CREATE TYPE "public"."appropriation_class" AS ENUM('PS', 'MOOE', 'CO');--> statement-breakpoint
CREATE TYPE "public"."approval_decision_kind" AS ENUM('submit', 'approve', 'return', 'reject', 'reopen');--> statement-breakpoint
CREATE TYPE "public"."approval_stage" AS ENUM('draft', 'technical_review', 'budget_review', 'stakeholder_consultation', 'executive_approval', 'approved', 'enacted', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."distribution_policy" AS ENUM('manual', 'equal', 'weighted');--> statement-breakpoint
CREATE TYPE "public"."funding_source" AS ENUM('GAAB', 'supplemental_budget', 'SDF', 'TDIF', 'ODA', 'other');--> statement-breakpoint
CREATE TYPE "public"."ppa_category" AS ENUM('program', 'project', 'activity');--> statement-breakpoint
CREATE TYPE "public"."ppa_sector" AS ENUM('economic', 'social', 'infrastructure', 'environment', 'governance', 'peace_security');--> statement-breakpoint
CREATE TYPE "public"."ppa_status" AS ENUM('planning', 'ongoing', 'completed', 'on_hold', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."progress_mode" AS ENUM('budget_weighted', 'count_based');--> statement-breakpoint
CREATE TYPE "public"."user_role" AS ENUM('admin', 'planner', 'mfbm_reviewer', 'executive', 'viewer');--> statement-breakpoint
CREATE TYPE "public"."work_priority" AS ENUM('low', 'medium', 'high', 'urgent', 'critical');--> statement-breakpoint
CREATE TYPE "public"."work_status" AS ENUM('not_started', 'in_progress', 'at_risk', 'blocked', 'completed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."work_type" AS ENUM('project', 'sub_project', 'activity', 'sub_activity', 'task', 'subtask');--> statement-breakpoint
CREATE TABLE "moas" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "moas_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "accounts" (
	"user_id" text NOT NULL,
	"type" text NOT NULL,
	"provider" text NOT NULL,
	"provider_account_id" text NOT NULL,
	"refresh_token" text,
	"access_token" text,
	"expires_at" integer,
	"token_type" text,
	"scope" text,
	"id_token" text,
	"session_state" text,
	CONSTRAINT "accounts_provider_provider_account_id_pk" PRIMARY KEY("provider","provider_account_id")
);
--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"display_prefix" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_tokens_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "api_tokens_name_present" CHECK (length(trim("api_tokens"."name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"session_token" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"expires" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text,
	"email" text NOT NULL,
	"email_verified" timestamp with time zone,
	"image" text,
	"role" "user_role" DEFAULT 'viewer' NOT NULL,
	"moa_id" uuid,
	"password_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email"),
	CONSTRAINT "users_moa_scoped_roles" CHECK ("users"."role" not in ('planner', 'viewer') or "users"."moa_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "verification_tokens" (
	"identifier" text NOT NULL,
	"token" text NOT NULL,
	"expires" timestamp with time zone NOT NULL,
	CONSTRAINT "verification_tokens_identifier_token_pk" PRIMARY KEY("identifier","token")
);
--> statement-breakpoint
CREATE TABLE "approval_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ppa_id" uuid NOT NULL,
	"from_stage" "approval_stage" NOT NULL,
	"to_stage" "approval_stage" NOT NULL,
	"decision" "approval_decision_kind" NOT NULL,
	"comment" text,
	"decided_by_id" text NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "approval_decisions_reject_has_comment" CHECK ("approval_decisions"."decision" <> 'reject' or length(trim(coalesce("approval_decisions"."comment", ''))) > 0)
);
--> statement-breakpoint
CREATE TABLE "ppas" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"moa_id" uuid NOT NULL,
	"category" "ppa_category" NOT NULL,
	"sector" "ppa_sector" NOT NULL,
	"appropriation_class" "appropriation_class",
	"funding_source" "funding_source",
	"funding_source_detail" text,
	"fiscal_year" integer NOT NULL,
	"budget_ceiling" numeric(18, 2),
	"budget_allocation" numeric(18, 2),
	"status" "ppa_status" DEFAULT 'planning' NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"start_date" date,
	"target_end_date" date,
	"actual_end_date" date,
	"approval_stage" "approval_stage" DEFAULT 'draft' NOT NULL,
	"stage_entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"enable_work_item_tracking" boolean DEFAULT false NOT NULL,
	"budget_distribution_policy" "distribution_policy" DEFAULT 'manual' NOT NULL,
	"auto_sync_progress" boolean DEFAULT true NOT NULL,
	"auto_sync_status" boolean DEFAULT true NOT NULL,
	"progress_mode" "progress_mode" DEFAULT 'budget_weighted' NOT NULL,
	"budget_locked_at" timestamp with time zone,
	"budget_locked_by_id" text,
	"created_by_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ppas_fiscal_year_range" CHECK ("ppas"."fiscal_year" between 2000 and 2100),
	CONSTRAINT "ppas_progress_range" CHECK ("ppas"."progress" between 0 and 100),
	CONSTRAINT "ppas_ceiling_non_negative" CHECK ("ppas"."budget_ceiling" >= 0),
	CONSTRAINT "ppas_allocation_non_negative" CHECK ("ppas"."budget_allocation" >= 0),
	CONSTRAINT "ppas_allocation_within_ceiling" CHECK ("ppas"."budget_allocation" <= "ppas"."budget_ceiling"),
	CONSTRAINT "ppas_title_present" CHECK (length(trim("ppas"."title")) > 0),
	CONSTRAINT "ppas_dates_ordered" CHECK ("ppas"."target_end_date" >= "ppas"."start_date"),
	CONSTRAINT "ppas_funding_detail_for_other" CHECK ("ppas"."funding_source" <> 'other' or "ppas"."funding_source_detail" is not null)
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ppa_id" uuid,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"action" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"reason" text,
	"actor_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "budget_distributions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ppa_id" uuid NOT NULL,
	"parent_id" uuid NOT NULL,
	"mode" "distribution_policy" NOT NULL,
	"distributed_amount" numeric(18, 2) NOT NULL,
	"allocations_before" jsonb NOT NULL,
	"allocations_after" jsonb NOT NULL,
	"distributed_by_id" text,
	"distributed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"undone_at" timestamp with time zone,
	"undone_by_id" text
);
--> statement-breakpoint
CREATE TABLE "expenditure_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"work_item_id" uuid NOT NULL,
	"ppa_id" uuid NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"spent_on" date NOT NULL,
	"description" text NOT NULL,
	"recorded_by_id" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "expenditure_entries_amount_positive" CHECK ("expenditure_entries"."amount" > 0),
	CONSTRAINT "expenditure_entries_description_present" CHECK (length(trim("expenditure_entries"."description")) > 0)
);
--> statement-breakpoint
CREATE TABLE "work_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ppa_id" uuid NOT NULL,
	"parent_id" uuid,
	"title" text NOT NULL,
	"work_type" "work_type" NOT NULL,
	"status" "work_status" DEFAULT 'not_started' NOT NULL,
	"priority" "work_priority" DEFAULT 'medium' NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"start_date" date,
	"due_date" date,
	"allocated_budget" numeric(18, 2) DEFAULT '0' NOT NULL,
	"weight" numeric(12, 4) DEFAULT '1' NOT NULL,
	"budget_notes" text DEFAULT '' NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "work_items_root_is_project" CHECK (("work_items"."parent_id" is null) = ("work_items"."work_type" = 'project')),
	CONSTRAINT "work_items_progress_range" CHECK ("work_items"."progress" between 0 and 100),
	CONSTRAINT "work_items_allocation_non_negative" CHECK ("work_items"."allocated_budget" >= 0),
	CONSTRAINT "work_items_weight_non_negative" CHECK ("work_items"."weight" >= 0),
	CONSTRAINT "work_items_dates_ordered" CHECK ("work_items"."due_date" >= "work_items"."start_date"),
	CONSTRAINT "work_items_title_present" CHECK (length(trim("work_items"."title")) > 0),
	CONSTRAINT "work_items_not_own_parent" CHECK ("work_items"."parent_id" <> "work_items"."id")
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ppa_id" uuid NOT NULL,
	"work_item_id" uuid,
	"type" "alert_type" NOT NULL,
	"severity" "alert_severity" NOT NULL,
	"title" text NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by_id" text,
	"resolved_at" timestamp with time zone,
	"resolved_by_id" text
);
--> statement-breakpoint
CREATE TABLE "collab_documents" (
	"ppa_id" uuid PRIMARY KEY NOT NULL,
	"state" "bytea" NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"saved_by_id" text,
	"saved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "event_outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	CONSTRAINT "event_outbox_attempts_non_negative" CHECK ("event_outbox"."attempts" >= 0)
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_moa_id_moas_id_fk" FOREIGN KEY ("moa_id") REFERENCES "public"."moas"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_decisions" ADD CONSTRAINT "approval_decisions_ppa_id_ppas_id_fk" FOREIGN KEY ("ppa_id") REFERENCES "public"."ppas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_decisions" ADD CONSTRAINT "approval_decisions_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ppas" ADD CONSTRAINT "ppas_moa_id_moas_id_fk" FOREIGN KEY ("moa_id") REFERENCES "public"."moas"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ppas" ADD CONSTRAINT "ppas_budget_locked_by_id_users_id_fk" FOREIGN KEY ("budget_locked_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ppas" ADD CONSTRAINT "ppas_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_ppa_id_ppas_id_fk" FOREIGN KEY ("ppa_id") REFERENCES "public"."ppas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_distributions" ADD CONSTRAINT "budget_distributions_ppa_id_ppas_id_fk" FOREIGN KEY ("ppa_id") REFERENCES "public"."ppas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_distributions" ADD CONSTRAINT "budget_distributions_parent_id_work_items_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."work_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_distributions" ADD CONSTRAINT "budget_distributions_distributed_by_id_users_id_fk" FOREIGN KEY ("distributed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_distributions" ADD CONSTRAINT "budget_distributions_undone_by_id_users_id_fk" FOREIGN KEY ("undone_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expenditure_entries" ADD CONSTRAINT "expenditure_entries_work_item_id_work_items_id_fk" FOREIGN KEY ("work_item_id") REFERENCES "public"."work_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expenditure_entries" ADD CONSTRAINT "expenditure_entries_ppa_id_ppas_id_fk" FOREIGN KEY ("ppa_id") REFERENCES "public"."ppas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expenditure_entries" ADD CONSTRAINT "expenditure_entries_recorded_by_id_users_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_items" ADD CONSTRAINT "work_items_ppa_id_ppas_id_fk" FOREIGN KEY ("ppa_id") REFERENCES "public"."ppas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_items" ADD CONSTRAINT "work_items_parent_id_work_items_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."work_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_ppa_id_ppas_id_fk" FOREIGN KEY ("ppa_id") REFERENCES "public"."ppas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_work_item_id_work_items_id_fk" FOREIGN KEY ("work_item_id") REFERENCES "public"."work_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_acknowledged_by_id_users_id_fk" FOREIGN KEY ("acknowledged_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_resolved_by_id_users_id_fk" FOREIGN KEY ("resolved_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collab_documents" ADD CONSTRAINT "collab_documents_ppa_id_ppas_id_fk" FOREIGN KEY ("ppa_id") REFERENCES "public"."ppas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collab_documents" ADD CONSTRAINT "collab_documents_saved_by_id_users_id_fk" FOREIGN KEY ("saved_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "accounts_user_idx" ON "accounts" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "api_tokens_user_idx" ON "api_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "users_moa_idx" ON "users" USING btree ("moa_id");--> statement-breakpoint
CREATE INDEX "approval_decisions_ppa_idx" ON "approval_decisions" USING btree ("ppa_id","decided_at");--> statement-breakpoint
CREATE INDEX "ppas_moa_fy_idx" ON "ppas" USING btree ("moa_id","fiscal_year");--> statement-breakpoint
CREATE INDEX "ppas_list_order_idx" ON "ppas" USING btree ("fiscal_year" DESC NULLS LAST,"title","id");--> statement-breakpoint
CREATE INDEX "ppas_stage_idx" ON "ppas" USING btree ("approval_stage");--> statement-breakpoint
CREATE INDEX "audit_log_ppa_idx" ON "audit_log" USING btree ("ppa_id","created_at");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "budget_distributions_parent_idx" ON "budget_distributions" USING btree ("parent_id","distributed_at");--> statement-breakpoint
CREATE INDEX "expenditure_entries_ppa_idx" ON "expenditure_entries" USING btree ("ppa_id");--> statement-breakpoint
CREATE INDEX "expenditure_entries_item_idx" ON "expenditure_entries" USING btree ("work_item_id","spent_on");--> statement-breakpoint
CREATE INDEX "work_items_ppa_idx" ON "work_items" USING btree ("ppa_id");--> statement-breakpoint
CREATE INDEX "work_items_parent_order_idx" ON "work_items" USING btree ("parent_id","sort_order");--> statement-breakpoint
CREATE UNIQUE INDEX "work_items_one_project_per_ppa" ON "work_items" USING btree ("ppa_id") WHERE "work_items"."parent_id" is null;--> statement-breakpoint
CREATE INDEX "alerts_ppa_idx" ON "alerts" USING btree ("ppa_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_one_open_per_item" ON "alerts" USING btree ("work_item_id","type") WHERE "alerts"."resolved_at" is null and "alerts"."work_item_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_one_open_per_ppa" ON "alerts" USING btree ("ppa_id","type") WHERE "alerts"."resolved_at" is null and "alerts"."work_item_id" is null;--> statement-breakpoint
CREATE INDEX "event_outbox_unsent_idx" ON "event_outbox" USING btree ("created_at") WHERE "event_outbox"."sent_at" is null;