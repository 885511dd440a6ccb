CREATE TABLE "ppa_ledger_totals" (
	"ppa_id" uuid PRIMARY KEY NOT NULL,
	"obligations" numeric(18, 2) DEFAULT '0' NOT NULL,
	"disbursements" numeric(18, 2) DEFAULT '0' NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ppa_ledger_totals" ADD CONSTRAINT "ppa_ledger_totals_ppa_id_ppas_id_fk" FOREIGN KEY ("ppa_id") REFERENCES "public"."ppas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- The sums follow the ledger in the same transaction: statement triggers add what a statement inserted and take
-- away what it deleted (a PPA's deletion cascades to its entries). One upsert per PPA per statement, taken in
-- ppa_id order so that two statements touching the same PPAs never lock them in opposite orders.
CREATE FUNCTION "ppa_ledger_totals_follow"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE ppa_ledger_totals t
    SET obligations = t.obligations - r.obligations, disbursements = t.disbursements - r.disbursements
    FROM (
      SELECT ppa_id,
             coalesce(sum(amount) FILTER (WHERE kind = 'obligation'), 0) AS obligations,
             coalesce(sum(amount) FILTER (WHERE kind = 'disbursement'), 0) AS disbursements
      FROM removed GROUP BY ppa_id
    ) r
    WHERE t.ppa_id = r.ppa_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO ppa_ledger_totals AS t (ppa_id, obligations, disbursements)
    SELECT ppa_id,
           coalesce(sum(amount) FILTER (WHERE kind = 'obligation'), 0),
           coalesce(sum(amount) FILTER (WHERE kind = 'disbursement'), 0)
    FROM added GROUP BY ppa_id ORDER BY ppa_id
    ON CONFLICT (ppa_id) DO UPDATE
      SET obligations = t.obligations + excluded.obligations, disbursements = t.disbursements + excluded.disbursements;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "ppa_ledger_totals_on_insert" AFTER INSERT ON "expenditure_entries"
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION "ppa_ledger_totals_follow"();
--> statement-breakpoint
CREATE TRIGGER "ppa_ledger_totals_on_delete" AFTER DELETE ON "expenditure_entries"
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION "ppa_ledger_totals_follow"();
--> statement-breakpoint
CREATE TRIGGER "ppa_ledger_totals_on_update" AFTER UPDATE ON "expenditure_entries"
  REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION "ppa_ledger_totals_follow"();
--> statement-breakpoint
INSERT INTO "ppa_ledger_totals" (ppa_id, obligations, disbursements)
SELECT ppa_id,
       coalesce(sum(amount) FILTER (WHERE kind = 'obligation'), 0),
       coalesce(sum(amount) FILTER (WHERE kind = 'disbursement'), 0)
FROM "expenditure_entries" GROUP BY ppa_id;
