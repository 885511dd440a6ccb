import { z } from '@/server/contracts/zod';
import { zCreatePpaRequest, zUpdatePpaRequest, type CreatePpaRequest, type UpdatePpaRequest } from '@/server/contracts/ppa';

/** The PPA form's inputs, as the browser holds them: every field is text. */
export interface PpaFormValues {
  moaId: string;
  title: string;
  description: string;
  category: string;
  sector: string;
  appropriationClass: string;
  fundingSource: string;
  fundingSourceDetail: string;
  fiscalYear: string;
  budgetCeiling: string;
  budgetAllocation: string;
  startDate: string;
  targetEndDate: string;
}

export type PpaFormErrors = Partial<Record<keyof PpaFormValues | 'form', string>>;

export type PpaFormMode = { kind: 'create' } | { kind: 'edit'; id: string };

/** Empty inputs mean "not given"; the year is a number. The procedure's own schema does the rest. */
export function toPpaRequest(values: PpaFormValues) {
  const orNull = (v: string) => (v.trim() === '' ? null : v);
  return {
    title: values.title,
    description: values.description,
    category: values.category,
    sector: values.sector,
    appropriationClass: orNull(values.appropriationClass),
    fundingSource: orNull(values.fundingSource),
    fundingSourceDetail: orNull(values.fundingSourceDetail),
    fiscalYear: values.fiscalYear.trim() === '' ? undefined : Number(values.fiscalYear),
    budgetCeiling: orNull(values.budgetCeiling),
    budgetAllocation: orNull(values.budgetAllocation),
    startDate: orNull(values.startDate),
    targetEndDate: orNull(values.targetEndDate),
  };
}

/** The first message for each field. */
export function firstErrors(fieldErrors: Record<string, string[] | undefined>): PpaFormErrors {
  return Object.fromEntries(Object.entries(fieldErrors).flatMap(([k, v]) => (v?.[0] ? [[k, v[0]]] : [])));
}

/**
 * The request the form sends, checked with the same schema the procedure uses: a planner's PPA is always
 * their own MOA's, so only an admin (choosesMoa) sends one.
 */
export function validatePpaForm(
  mode: PpaFormMode,
  values: PpaFormValues,
  choosesMoa: boolean,
): { ok: true; request: CreatePpaRequest | UpdatePpaRequest } | { ok: false; errors: PpaFormErrors } {
  const request =
    mode.kind === 'create'
      ? { ...toPpaRequest(values), ...(choosesMoa && values.moaId ? { moaId: values.moaId } : {}) }
      : { ...toPpaRequest(values), id: mode.id };
  const parsed = (mode.kind === 'create' ? zCreatePpaRequest : zUpdatePpaRequest).safeParse(request);
  if (!parsed.success) return { ok: false, errors: firstErrors(z.flattenError(parsed.error as z.ZodError).fieldErrors as Record<string, string[]>) };
  return { ok: true, request: parsed.data };
}

/** A refused save: the server's per-field messages beside their fields, and its message on the form. */
export function errorsFromServer(error: unknown): PpaFormErrors {
  const data = (error as { data?: { fieldErrors?: Record<string, string[]> | null } }).data;
  return { ...(data?.fieldErrors ? firstErrors(data.fieldErrors) : {}), form: (error as Error).message };
}
