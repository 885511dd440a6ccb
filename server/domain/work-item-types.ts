import { WORK_TYPES, type WorkType } from './types';

/** project → sub_project → activity → sub_activity → task → subtask: at most six levels. */
export function depthOf(type: WorkType): number {
  return WORK_TYPES.indexOf(type);
}

/** A child's type must be deeper than its parent's; only the root is a project. */
export function canBeChildOf(childType: WorkType, parentType: WorkType): boolean {
  return depthOf(childType) > depthOf(parentType);
}

/** The types a planner may pick for a new child of `parentType`, shallowest first. */
export function allowedChildTypes(parentType: WorkType): WorkType[] {
  return WORK_TYPES.filter((t) => depthOf(t) > depthOf(parentType));
}

export const WORK_TYPE_LABELS: Record<WorkType, string> = {
  project: 'project',
  sub_project: 'sub-project',
  activity: 'activity',
  sub_activity: 'sub-activity',
  task: 'task',
  subtask: 'subtask',
};

function withArticle(noun: string, capital = false): string {
  const article = /^[aeiou]/.test(noun) ? 'an' : 'a';
  return `${capital ? article[0]!.toUpperCase() + article.slice(1) : article} ${noun}`;
}

/** Why a child of `childType` cannot go under `parentType`, in a planner's words. */
export function childTypeProblem(childType: WorkType, parentType: WorkType): string | null {
  if (canBeChildOf(childType, parentType)) return null;
  const allowed = allowedChildTypes(parentType);
  if (allowed.length === 0) return `${withArticle(WORK_TYPE_LABELS[parentType], true)} cannot have sub-items.`;
  return `${withArticle(WORK_TYPE_LABELS[childType], true)} cannot go under ${withArticle(WORK_TYPE_LABELS[parentType])}; choose ${allowed.map((t) => WORK_TYPE_LABELS[t]).join(', ')}.`;
}

/** The types an item may change to: deeper than its parent's, shallower than each of its children's. */
export function retypeOptions(parentType: WorkType, childTypes: readonly WorkType[]): WorkType[] {
  return allowedChildTypes(parentType).filter((t) => childTypes.every((c) => canBeChildOf(c, t)));
}

/** Why an item cannot change to `newType` under its parent and over its children, or null. */
export function retypeProblem(newType: WorkType, parentType: WorkType, childTypes: readonly WorkType[]): string | null {
  if (retypeOptions(parentType, childTypes).includes(newType)) return null;
  const options = retypeOptions(parentType, childTypes).map((t) => WORK_TYPE_LABELS[t]);
  return `This item can only be ${options.length ? options.join(' or ') : 'what it is'}: its type must be deeper than its parent's and shallower than its sub-items'.`;
}
