import { describe, expect, it } from 'vitest';
import { allowedChildTypes, canBeChildOf, childTypeProblem, retypeOptions, retypeProblem } from './work-item-types';

describe('work item types', () => {
  it('only allows deeper children, at most six levels', () => {
    expect(canBeChildOf('activity', 'project')).toBe(true);
    expect(canBeChildOf('task', 'activity')).toBe(true);
    expect(canBeChildOf('activity', 'activity')).toBe(false);
    expect(canBeChildOf('project', 'sub_project')).toBe(false);
    expect(allowedChildTypes('project')).toEqual(['sub_project', 'activity', 'sub_activity', 'task', 'subtask']);
    expect(allowedChildTypes('subtask')).toEqual([]);
    expect(childTypeProblem('activity', 'task')).toBe('An activity cannot go under a task; choose subtask.');
    expect(childTypeProblem('task', 'subtask')).toBe('A subtask cannot have sub-items.');
  });

  it('lets an item change type only between its parent’s and its children’s', () => {
    expect(retypeOptions('project', ['task'])).toEqual(['sub_project', 'activity', 'sub_activity']);
    expect(retypeOptions('activity', [])).toEqual(['sub_activity', 'task', 'subtask']);
    expect(retypeOptions('sub_activity', ['subtask'])).toEqual(['task']);
    expect(retypeProblem('task', 'project', ['task'])).toBe(
      "This item can only be sub-project or activity or sub-activity: its type must be deeper than its parent's and shallower than its sub-items'.",
    );
    expect(retypeProblem('activity', 'project', ['task'])).toBeNull();
  });
});
