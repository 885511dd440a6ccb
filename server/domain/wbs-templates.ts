import type { PpaCategory, WorkType } from './types';
import { distributeByWeight } from './distribution';
import type { Centavos } from './money';

export interface TemplateChild {
  title: string;
  workType: WorkType;
  allocatedCentavos: Centavos;
  sortOrder: number;
}

const PROGRAM_PHASES = [
  { title: 'Planning & Design', percent: 20n },
  { title: 'Implementation', percent: 60n },
  { title: 'Monitoring & Evaluation', percent: 20n },
] as const;

const DEFAULT_PHASES = [
  { title: 'Preparation', percent: 15n },
  { title: 'Execution', percent: 75n },
  { title: 'Completion & Reporting', percent: 10n },
] as const;

/**
 * The default WBS under a PPA's execution project: programs get sub-projects 20/60/20, everything else
 * activities 15/75/10. Amounts are split by largest remainder so they always sum to the PPA's budget.
 */
export function defaultWbsTemplate(category: PpaCategory, budgetCentavos: Centavos): TemplateChild[] {
  const phases = category === 'program' ? PROGRAM_PHASES : DEFAULT_PHASES;
  const workType: WorkType = category === 'program' ? 'sub_project' : 'activity';
  const amounts = distributeByWeight(
    budgetCentavos,
    phases.map((p) => p.percent),
  );
  return phases.map((phase, i) => ({ title: phase.title, workType, allocatedCentavos: amounts[i]!, sortOrder: i }));
}
