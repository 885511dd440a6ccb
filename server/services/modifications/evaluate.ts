import type { Queryable } from '@/db';
import { checkModification, effectiveClass, routeOfRequest, routeWords, type ModificationCheck, type ModItem, type Routing } from '../../domain/modifications';
import { parsePesos, toPesoString, type Centavos } from '../../domain/money';
import type { AppropriationClass } from '../../domain/types';
import type { ModificationPreview } from '../../contracts/modification';
import type { PpaRow } from '../access';
import { readModItems } from './tree';
import { executiveThreshold } from './threshold';

export interface LineInput {
  fromWorkItemId: string;
  toWorkItemId: string;
  amount: string;
}

export interface SnapshotLine extends LineInput {
  fromClass: AppropriationClass | null;
  toClass: AppropriationClass | null;
  fromObject: string | null;
  toObject: string | null;
}

export interface Evaluation {
  check: ModificationCheck;
  routing: Routing;
  lines: SnapshotLine[];
  items: ModItem[];
  total: Centavos;
}

/**
 * A request's lines checked against the PPA's tree as it stands, with the route its classes give. `revisionShift`
 * is what the plan revision it carries moves across allotment classes (null: it carries none), which routes too.
 */
export async function evaluateLines(
  q: Queryable,
  ppa: Pick<PpaRow, 'id' | 'appropriationClass'>,
  input: readonly LineInput[],
  pendingOut: ReadonlyMap<string, Centavos>,
  revisionShift: Centavos | null = null,
): Promise<Evaluation> {
  const items = await readModItems(q, ppa.id);
  const byId = new Map(items.map((i) => [i.id, i]));
  const lines = input.map((l) => ({
    ...l,
    fromClass: effectiveClass(l.fromWorkItemId, byId, ppa.appropriationClass),
    toClass: effectiveClass(l.toWorkItemId, byId, ppa.appropriationClass),
    fromObject: byId.get(l.fromWorkItemId)?.objectOfExpenditure ?? null,
    toObject: byId.get(l.toWorkItemId)?.objectOfExpenditure ?? null,
  }));
  const parsed = lines.map((l) => ({ ...l, amount: parsePesos(l.amount) }));
  const check = checkModification({ items, lines: parsed, pendingOut, carriesRevision: revisionShift !== null });
  const routing = routeOfRequest(parsed, revisionShift, executiveThreshold());
  const total = parsed.reduce((sum, l) => sum + l.amount, 0n);
  return { check, routing, lines, items, total };
}

export function previewOf(evaluation: Evaluation, moaCode: string): ModificationPreview {
  const { check, routing, total } = evaluation;
  return {
    problems: check.problems,
    changes: check.changes.map((c) => ({
      ...c,
      before: toPesoString(c.before),
      after: toPesoString(c.after),
      available: c.available === null ? null : toPesoString(c.available),
    })),
    route: routing.route,
    needsExecutive: routing.needsExecutive,
    routeWords: routeWords(routing, moaCode),
    total: toPesoString(total),
  };
}
