'use client';

import { useState } from 'react';
import { allowedChildTypes, retypeOptions } from '@/server/domain/work-item-types';
import { APPROPRIATION_CLASSES, WORK_PRIORITIES, WORK_STATUSES, type WorkType } from '@/server/domain/types';
import type { AllocationNodeShape } from '@/server/contracts/budget';
import { FormField } from '../form-field';
import { humanize } from '../labels';
import { lockSentence, type BudgetLock } from './budget-lock-model';
import { peso } from './distribution-model';
import { addChildRequest, defaultChildType, editItemRequest, initialEditValues, unallocatedHint } from './item-dialogs-model';
import { fieldError, inputClass, Modal, primaryButton, secondaryButton } from '../ui/modal';
import { workTypeName } from './tree-grid-model';
import type { TreeMutations } from './use-tree-mutations';

/** Edit a row: title, status, priority, progress, dates, its own allocation, weight and notes, starting from their current values. */
export function EditItemDialog({
  node,
  parentType,
  mutations,
  onClose,
  lock,
}: {
  node: AllocationNodeShape;
  parentType: WorkType | null;
  mutations: TreeMutations;
  onClose: () => void;
  lock: BudgetLock | null;
}) {
  const [values, setValues] = useState(() => initialEditValues(node));
  const typeOptions = parentType
    ? retypeOptions(
        parentType,
        node.children.map((c) => c.workType),
      )
    : [node.workType];
  const error = mutations.update.error;
  const set = (k: keyof typeof values) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) =>
    setValues((v) => ({ ...v, [k]: e.target.value }));

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    await mutations.update.mutateAsync(editItemRequest(node, values)).then(onClose, () => undefined);
  }

  return (
    <Modal title={`Edit ${node.title}`} open onClose={onClose}>
      <form onSubmit={submit} noValidate className="space-y-3">
        {error && !fieldError(error, 'title') && (
          <p role="alert" className="rounded bg-rose-50 px-3 py-2 text-sm text-rose-800">
            {error.message}
          </p>
        )}
        <FormField id="item-title" label="Title" error={fieldError(error, 'title')}>
          <input
            id="item-title"
            value={values.title}
            onChange={set('title')}
            className={inputClass}
            aria-invalid={fieldError(error, 'title') ? true : undefined}
          />
        </FormField>
        <div className="grid grid-cols-2 gap-3">
          <FormField id="item-type" label="Type" error={fieldError(error, 'workType')}>
            <select id="item-type" value={values.workType} onChange={set('workType')} className={inputClass} disabled={typeOptions.length < 2}>
              {typeOptions.map((t) => (
                <option key={t} value={t}>
                  {workTypeName(t)}
                </option>
              ))}
            </select>
          </FormField>
          <FormField id="item-status" label="Status">
            <select id="item-status" value={values.status} onChange={set('status')} className={inputClass}>
              {WORK_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {humanize(s)}
                </option>
              ))}
            </select>
          </FormField>
          <FormField id="item-progress" label="Progress (%)" error={fieldError(error, 'progress')}>
            <input id="item-progress" type="number" min={0} max={100} value={values.progress} onChange={set('progress')} className={inputClass} />
          </FormField>
          <FormField id="item-priority" label="Priority" error={fieldError(error, 'priority')}>
            <select id="item-priority" value={values.priority} onChange={set('priority')} className={inputClass}>
              {WORK_PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {humanize(p)}
                </option>
              ))}
            </select>
          </FormField>
          {lock ? (
            <div className="col-span-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="allocation-locked">
              <p>
                <span className="font-medium">Allocated {peso(node.allocated)}</span> · the budget is locked.
              </p>
              <p className="text-xs">{lockSentence(lock)}</p>
            </div>
          ) : (
            <FormField id="item-allocated" label="Allocated (₱)" error={fieldError(error, 'allocatedBudget')}>
              <input id="item-allocated" inputMode="decimal" value={values.allocatedBudget} onChange={set('allocatedBudget')} className={inputClass} />
            </FormField>
          )}
          <FormField id="item-weight" label="Weight (weighted split)" error={fieldError(error, 'weight')}>
            <input id="item-weight" inputMode="decimal" value={values.weight} onChange={set('weight')} className={inputClass} />
          </FormField>
          <FormField id="item-start" label="Start date" error={fieldError(error, 'startDate')}>
            <input id="item-start" type="date" value={values.startDate} onChange={set('startDate')} className={inputClass} />
          </FormField>
          <FormField id="item-due" label="Due date" error={fieldError(error, 'dueDate')}>
            <input id="item-due" type="date" value={values.dueDate} onChange={set('dueDate')} className={inputClass} />
          </FormField>
        </div>
        <div className="grid grid-cols-2 gap-3">
          <FormField id="item-class" label="Appropriation class" error={fieldError(error, 'appropriationClass')}>
            <select id="item-class" value={values.appropriationClass} onChange={set('appropriationClass')} className={inputClass} disabled={lock !== null}>
              <option value="">Same as its parent</option>
              {APPROPRIATION_CLASSES.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </FormField>
          <FormField id="item-object" label="Object of expenditure" error={fieldError(error, 'objectOfExpenditure')}>
            <input
              id="item-object"
              value={values.objectOfExpenditure}
              onChange={set('objectOfExpenditure')}
              className={inputClass}
              disabled={lock !== null}
              placeholder="5020201000 Training Expenses"
            />
          </FormField>
        </div>
        <FormField id="item-notes" label="Budget notes" error={fieldError(error, 'budgetNotes')}>
          <textarea id="item-notes" rows={2} value={values.budgetNotes} onChange={set('budgetNotes')} className={inputClass} />
        </FormField>
        <div className="flex gap-2">
          <button type="submit" className={primaryButton} disabled={mutations.update.isPending}>
            {mutations.update.isPending ? 'Saving…' : 'Save'}
          </button>
          <button type="button" className={secondaryButton} onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** Add a child under a row, of a type the server allows under it. */
export function AddChildDialog({
  parent,
  mutations,
  onClose,
  lock,
}: {
  parent: AllocationNodeShape;
  mutations: TreeMutations;
  onClose: () => void;
  lock: BudgetLock | null;
}) {
  const types = allowedChildTypes(parent.workType);
  const [title, setTitle] = useState('');
  const [workType, setWorkType] = useState<WorkType>(defaultChildType(types));
  const [amount, setAmount] = useState('');
  const error = mutations.add.error;

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    await mutations.add.mutateAsync(addChildRequest(parent.id, title, workType, amount)).then(onClose, () => undefined);
  }

  return (
    <Modal title={`Add under ${parent.title}`} open onClose={onClose}>
      <form onSubmit={submit} noValidate className="space-y-3">
        {error && !fieldError(error, 'title') && !fieldError(error, 'allocatedBudget') && (
          <p role="alert" className="rounded bg-rose-50 px-3 py-2 text-sm text-rose-800">
            {error.message}
          </p>
        )}
        <FormField id="child-title" label="Title" error={fieldError(error, 'title')}>
          <input
            id="child-title"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            className={inputClass}
            aria-invalid={fieldError(error, 'title') ? true : undefined}
          />
        </FormField>
        <FormField id="child-type" label="Type" error={fieldError(error, 'workType')}>
          <select id="child-type" value={workType} onChange={(e) => setWorkType(e.target.value as WorkType)} className={inputClass}>
            {types.map((t) => (
              <option key={t} value={t}>
                {workTypeName(t)}
              </option>
            ))}
          </select>
        </FormField>
        {lock ? (
          <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">The new item starts at ₱0.00: the budget is locked. {lockSentence(lock)}</p>
        ) : (
          <FormField id="child-amount" label={unallocatedHint(parent)} error={fieldError(error, 'allocatedBudget')}>
            <input id="child-amount" inputMode="decimal" placeholder="0.00" value={amount} onChange={(e) => setAmount(e.target.value)} className={inputClass} />
          </FormField>
        )}
        <div className="flex gap-2">
          <button type="submit" className={primaryButton} disabled={mutations.add.isPending}>
            {mutations.add.isPending ? 'Adding…' : 'Add'}
          </button>
          <button type="button" className={secondaryButton} onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Modal>
  );
}
