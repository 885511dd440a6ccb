import { describe, expect, it } from 'vitest';
import { zCreatePpaRequest } from '@/server/contracts/ppa';
import { errorsFromServer, firstErrors, toPpaRequest, validatePpaForm, type PpaFormValues } from './ppa-form-model';

const MOA_ID = '11111111-1111-4111-8111-111111111111';
const PPA_ID = '22222222-2222-4222-8222-222222222222';

const filled: PpaFormValues = {
  moaId: MOA_ID,
  title: '  Livelihood grants  ',
  description: 'Starter kits',
  category: 'project',
  sector: 'social',
  appropriationClass: 'MOOE',
  fundingSource: 'GAAB',
  fundingSourceDetail: '',
  fiscalYear: '2026',
  budgetCeiling: '₱1,500,000',
  budgetAllocation: '1200000.5',
  startDate: '2026-02-01',
  targetEndDate: '2026-11-30',
};

const blank: PpaFormValues = {
  ...filled,
  description: '',
  appropriationClass: '',
  fundingSource: '',
  fiscalYear: '',
  budgetCeiling: '',
  budgetAllocation: '',
  startDate: '',
  targetEndDate: '',
};

function createErrors(values: Partial<PpaFormValues>) {
  const result = validatePpaForm({ kind: 'create' }, { ...filled, ...values }, false);
  if (result.ok) throw new Error('expected the form to be refused');
  return result.errors;
}

describe('toPpaRequest', () => {
  it('turns empty inputs into null, blank-only too, and the year into a number', () => {
    expect(toPpaRequest({ ...blank, fundingSourceDetail: '   ' })).toEqual({
      title: '  Livelihood grants  ',
      description: '',
      category: 'project',
      sector: 'social',
      appropriationClass: null,
      fundingSource: null,
      fundingSourceDetail: null,
      fiscalYear: undefined,
      budgetCeiling: null,
      budgetAllocation: null,
      startDate: null,
      targetEndDate: null,
    });
    expect(toPpaRequest(filled).fiscalYear).toBe(2026);
    expect(toPpaRequest({ ...filled, fiscalYear: 'twenty' }).fiscalYear).toBeNaN();
  });
});

describe('validatePpaForm', () => {
  it('a valid new PPA becomes the create request, normalised as the server does it', () => {
    const result = validatePpaForm({ kind: 'create' }, filled, false);
    expect(result).toEqual({
      ok: true,
      request: {
        title: 'Livelihood grants',
        description: 'Starter kits',
        category: 'project',
        sector: 'social',
        appropriationClass: 'MOOE',
        fundingSource: 'GAAB',
        fundingSourceDetail: null,
        fiscalYear: 2026,
        budgetCeiling: '1500000.00',
        budgetAllocation: '1200000.50',
        startDate: '2026-02-01',
        targetEndDate: '2026-11-30',
      },
    });
    // The same request passes the procedure's own schema.
    if (result.ok) expect(zCreatePpaRequest.safeParse(result.request).success).toBe(true);
  });

  it('sends the MOA only when the viewer chooses it (an admin) and picked one', () => {
    const asAdmin = validatePpaForm({ kind: 'create' }, filled, true);
    expect(asAdmin.ok && 'moaId' in asAdmin.request ? asAdmin.request.moaId : undefined).toBe(MOA_ID);
    const asPlanner = validatePpaForm({ kind: 'create' }, filled, false);
    expect(asPlanner.ok && 'moaId' in asPlanner.request).toBe(false);
    const noneChosen = validatePpaForm({ kind: 'create' }, { ...filled, moaId: '' }, true);
    expect(noneChosen.ok && 'moaId' in noneChosen.request).toBe(false);
  });

  it('an edit sends the id with the fields', () => {
    const result = validatePpaForm({ kind: 'edit', id: PPA_ID }, blank, false);
    expect(result.ok).toBe(true);
    expect(result.ok && result.request).toMatchObject({ id: PPA_ID, title: 'Livelihood grants', fiscalYear: undefined, budgetCeiling: null });
  });

  it('each invalid field gets its message under that field', () => {
    expect(createErrors({ title: 'ab' })).toEqual({ title: 'Give the PPA a title of at least 3 characters.' });
    expect(createErrors({ title: 'x'.repeat(301) })).toEqual({ title: 'Keep the title under 300 characters.' });
    expect(createErrors({ description: 'x'.repeat(5001) })).toEqual({ description: 'Keep the description under 5,000 characters.' });
    expect(createErrors({ category: '' })).toEqual({ category: 'Choose a category: program, project or activity.' });
    expect(createErrors({ sector: 'farming' })).toEqual({ sector: 'Choose a sector.' });
    expect(createErrors({ appropriationClass: 'XX' })).toEqual({ appropriationClass: 'Choose PS, MOOE or CO.' });
    expect(createErrors({ fundingSource: 'lottery' })).toEqual({ fundingSource: 'Choose a funding source.' });
    expect(createErrors({ fundingSource: 'other' })).toEqual({ fundingSourceDetail: 'Name the funding source when you choose "other".' });
    expect(createErrors({ fiscalYear: '' })).toEqual({ fiscalYear: 'Enter the fiscal year, like 2026.' });
    expect(createErrors({ fiscalYear: '2026.5' })).toEqual({ fiscalYear: 'Enter the fiscal year, like 2026.' });
    expect(createErrors({ fiscalYear: '1999' })).toEqual({ fiscalYear: 'The fiscal year must be between 2000 and 2100.' });
    expect(createErrors({ budgetCeiling: '1.234' })).toEqual({ budgetCeiling: 'Enter an amount in pesos, like 1500000.00.' });
    expect(createErrors({ budgetCeiling: '-5' })).toMatchObject({ budgetCeiling: 'Amounts cannot be negative.' });
    expect(createErrors({ budgetAllocation: '2000000' })).toEqual({ budgetAllocation: 'The budget allocation cannot be more than the budget ceiling.' });
    expect(createErrors({ startDate: '2026-02-30' })).toEqual({ startDate: 'Enter a date as YYYY-MM-DD.' });
    expect(createErrors({ targetEndDate: '2026-01-31' })).toEqual({ targetEndDate: 'The target end date cannot be before the start date.' });
  });

  it('several mistakes are all reported, each under its own field', () => {
    expect(createErrors({ title: '', sector: '', startDate: 'soon' })).toEqual({
      title: 'Give the PPA a title of at least 3 characters.',
      sector: 'Choose a sector.',
      startDate: 'Enter a date as YYYY-MM-DD.',
    });
  });

  it('an edit of a PPA whose id is not an id is refused under id', () => {
    expect(validatePpaForm({ kind: 'edit', id: 'not-a-uuid' }, filled, false)).toEqual({ ok: false, errors: { id: 'That is not a valid id.' } });
  });
});

describe('errors from the server', () => {
  it('first messages go under their fields, and the message on the form', () => {
    const error = Object.assign(new Error('Check the highlighted fields.'), { data: { fieldErrors: { title: ['Too short', 'Also bad'], sector: [] } } });
    expect(errorsFromServer(error)).toEqual({ title: 'Too short', form: 'Check the highlighted fields.' });
  });

  it('an error without field errors goes on the form only', () => {
    expect(errorsFromServer(new Error('You may not edit this PPA.'))).toEqual({ form: 'You may not edit this PPA.' });
    expect(errorsFromServer(Object.assign(new Error('Gone'), { data: { fieldErrors: null } }))).toEqual({ form: 'Gone' });
  });

  it('firstErrors keeps only fields that have a message', () => {
    expect(firstErrors({ a: ['one', 'two'], b: undefined, c: [] })).toEqual({ a: 'one' });
  });
});
