import type { ApprovalStage, AppropriationClass, FundingSource, PpaCategory, PpaSector, UserRole } from '../../server/domain/types';

/** Shared by every demo account. Demo only: change it (or drop the accounts) anywhere real. */
export const DEMO_PASSWORD = 'ppa-demo-2026';

export const DEMO_MOAS = [
  { code: 'MFBM', name: 'Ministry of Finance, and Budget and Management' },
  { code: 'BPDA', name: 'Bangsamoro Planning and Development Authority' },
  { code: 'BICTO', name: 'Bangsamoro Information and Communications Technology Office' },
  { code: 'OOBC', name: 'Office for Other Bangsamoro Communities' },
  { code: 'MSSD', name: 'Ministry of Social Services and Development' },
  { code: 'MAFAR', name: 'Ministry of Agriculture, Fisheries and Agrarian Reform' },
  { code: 'MOH', name: 'Ministry of Health' },
  { code: 'MBHTE', name: 'Ministry of Basic, Higher and Technical Education' },
] as const;
export type DemoMoaCode = (typeof DEMO_MOAS)[number]['code'];

export const DEMO_USERS: { email: string; name: string; role: UserRole; moa: DemoMoaCode | null }[] = [
  { email: 'admin@example.org', name: 'Amina Admin', role: 'admin', moa: null },
  { email: 'planner@example.org', name: 'Norhaya Planner (MSSD)', role: 'planner', moa: 'MSSD' },
  { email: 'planner.mafar@example.org', name: 'Datu Rashid Planner (MAFAR)', role: 'planner', moa: 'MAFAR' },
  { email: 'reviewer@example.org', name: 'Farida Reviewer (MFBM)', role: 'mfbm_reviewer', moa: 'MFBM' },
  { email: 'executive@example.org', name: 'Hon. Ismael Executive', role: 'executive', moa: null },
  { email: 'viewer@example.org', name: 'Jamal Viewer (MSSD)', role: 'viewer', moa: 'MSSD' },
  { email: 'head.mssd@example.org', name: 'Hon. Raissa Head (MSSD)', role: 'moa_head', moa: 'MSSD' },
];

export interface DemoPpa {
  key: string;
  moa: DemoMoaCode;
  title: string;
  description?: string;
  category: PpaCategory;
  sector: PpaSector;
  appropriationClass: AppropriationClass | null;
  fundingSource: FundingSource | null;
  fiscalYear: number;
  /** Pesos as in the GAAB (the ceiling); the allocation is the same unless given. */
  budget: string;
  allocation?: string | null;
  stage: ApprovalStage;
  /**
   * The Manila day of the last approval decision, for a PPA whose execution is seeded: it was approved before
   * anything was obligated or paid on it. Without it, decisions end two days before the seed runs.
   */
  decisionsEndOn?: string;
}

/**
 * Real BARMM PPAs and approved budgets (shared/data/barmm), placed in fiscal years and approval stages so
 * MSSD and MAFAR each have one PPA in every stage.
 */
export const DEMO_PPAS: DemoPpa[] = [
  {
    key: 'mssd-livelihood',
    moa: 'MSSD',
    title: 'Livelihood Training for OBC Women',
    description: 'Skills and livelihood training for women of Other Bangsamoro Communities, with starter kits and follow-up mentoring.',
    category: 'activity',
    sector: 'social',
    appropriationClass: 'MOOE',
    fundingSource: 'GAAB',
    fiscalYear: 2026,
    budget: '5000000.00',
    stage: 'enacted',
    decisionsEndOn: '2026-01-30',
  },
  {
    key: 'mssd-family',
    moa: 'MSSD',
    title: 'Family and Community Welfare Program',
    category: 'program',
    sector: 'social',
    appropriationClass: null,
    fundingSource: 'GAAB',
    fiscalYear: 2026,
    budget: '1031852929.00',
    allocation: null,
    stage: 'draft',
  },
  {
    key: 'mssd-child',
    moa: 'MSSD',
    title: 'Child and Youth Welfare Program',
    category: 'program',
    sector: 'social',
    appropriationClass: 'MOOE',
    fundingSource: 'GAAB',
    fiscalYear: 2026,
    budget: '435904366.00',
    stage: 'technical_review',
  },
  {
    key: 'mssd-women',
    moa: 'MSSD',
    title: "Women's Welfare Program",
    category: 'program',
    sector: 'social',
    appropriationClass: 'MOOE',
    fundingSource: 'GAAB',
    fiscalYear: 2026,
    budget: '59301236.00',
    stage: 'budget_review',
  },
  {
    key: 'mssd-older',
    moa: 'MSSD',
    title: 'Older Persons and Persons with Disabilities Welfare Program',
    category: 'program',
    sector: 'social',
    appropriationClass: 'MOOE',
    fundingSource: 'GAAB',
    fiscalYear: 2026,
    budget: '340209420.00',
    allocation: '336000000.00',
    stage: 'stakeholder_consultation',
  },
  {
    key: 'mssd-drr',
    moa: 'MSSD',
    title: 'Disaster Risk Reduction and Emergency Assistance Program',
    category: 'program',
    sector: 'social',
    appropriationClass: 'MOOE',
    fundingSource: 'GAAB',
    fiscalYear: 2025,
    budget: '1257366889.00',
    stage: 'executive_approval',
  },
  {
    key: 'mssd-qrf',
    moa: 'MSSD',
    title: 'Quick Response Fund',
    category: 'project',
    sector: 'social',
    appropriationClass: 'MOOE',
    fundingSource: 'supplemental_budget',
    fiscalYear: 2025,
    budget: '200000000.00',
    stage: 'approved',
  },
  {
    key: 'mssd-child-2024',
    moa: 'MSSD',
    title: 'Child and Youth Welfare Program',
    category: 'program',
    sector: 'social',
    appropriationClass: 'CO',
    fundingSource: 'SDF',
    fiscalYear: 2024,
    budget: '410000000.00',
    stage: 'rejected',
  },

  {
    key: 'mafar-food',
    moa: 'MAFAR',
    title: 'Food Security and Nutrition Convergence Program',
    category: 'program',
    sector: 'economic',
    appropriationClass: 'MOOE',
    fundingSource: 'GAAB',
    fiscalYear: 2025,
    budget: '93897790.00',
    stage: 'enacted',
  },
  {
    key: 'mafar-bihi',
    moa: 'MAFAR',
    title: 'Basic Integration for Harmonized Intervention',
    category: 'program',
    sector: 'economic',
    appropriationClass: null,
    fundingSource: null,
    fiscalYear: 2026,
    budget: '391750649.00',
    allocation: null,
    stage: 'draft',
  },
  {
    key: 'mafar-quarantine',
    moa: 'MAFAR',
    title: 'Regulatory and Quarantine Services',
    category: 'activity',
    sector: 'economic',
    appropriationClass: 'MOOE',
    fundingSource: 'GAAB',
    fiscalYear: 2026,
    budget: '17526120.00',
    stage: 'technical_review',
  },
  {
    key: 'mafar-aquaculture',
    moa: 'MAFAR',
    title: 'Integrated and Sustainable Development for Aquaculture/Capture',
    category: 'project',
    sector: 'economic',
    appropriationClass: 'CO',
    fundingSource: 'GAAB',
    fiscalYear: 2026,
    budget: '141631593.00',
    stage: 'budget_review',
  },
  {
    key: 'mafar-adjudication',
    moa: 'MAFAR',
    title: 'Fisheries Adjudication Program',
    category: 'program',
    sector: 'governance',
    appropriationClass: 'PS',
    fundingSource: 'GAAB',
    fiscalYear: 2026,
    budget: '2092600.00',
    stage: 'stakeholder_consultation',
  },
  {
    key: 'mafar-land',
    moa: 'MAFAR',
    title: 'Land Tenure Security Program',
    category: 'program',
    sector: 'economic',
    appropriationClass: 'MOOE',
    fundingSource: 'GAAB',
    fiscalYear: 2025,
    budget: '62919207.00',
    stage: 'executive_approval',
  },
  {
    key: 'mafar-arb',
    moa: 'MAFAR',
    title: 'Sustainable Development for Agrarian Reform Beneficiaries in the Bangsamoro',
    category: 'project',
    sector: 'economic',
    appropriationClass: 'MOOE',
    fundingSource: 'TDIF',
    fiscalYear: 2025,
    budget: '30222200.00',
    stage: 'approved',
  },
  {
    key: 'mafar-evidence',
    moa: 'MAFAR',
    title: 'Bangsamoro Agri-Fishery Evidence Program',
    category: 'program',
    sector: 'economic',
    appropriationClass: 'MOOE',
    fundingSource: 'ODA',
    fiscalYear: 2024,
    budget: '77342632.00',
    stage: 'rejected',
  },

  {
    key: 'moh-tiyakap',
    moa: 'MOH',
    title: 'Tiyakap Bangsamoro Kalusugan Program',
    category: 'program',
    sector: 'social',
    appropriationClass: 'MOOE',
    fundingSource: 'GAAB',
    fiscalYear: 2025,
    budget: '259680000.00',
    stage: 'enacted',
  },
  {
    key: 'moh-immunization',
    moa: 'MOH',
    title: 'Bangsamoro Immunization Program',
    category: 'program',
    sector: 'social',
    appropriationClass: 'MOOE',
    fundingSource: 'GAAB',
    fiscalYear: 2026,
    budget: '98458062.00',
    stage: 'technical_review',
  },
  {
    key: 'mbhte-tvet',
    moa: 'MBHTE',
    title: 'TVET Provisions',
    category: 'program',
    sector: 'social',
    appropriationClass: 'MOOE',
    fundingSource: 'GAAB',
    fiscalYear: 2026,
    budget: '574137673.00',
    stage: 'budget_review',
  },
  {
    key: 'bicto-ict',
    moa: 'BICTO',
    title: 'Harmonization of Bangsamoro Agenda on ICT',
    category: 'program',
    sector: 'infrastructure',
    appropriationClass: 'CO',
    fundingSource: 'GAAB',
    fiscalYear: 2026,
    budget: '64594584.00',
    stage: 'draft',
  },
  {
    key: 'mfbm-expenditure',
    moa: 'MFBM',
    title: 'Expenditure Management Program',
    category: 'program',
    sector: 'governance',
    appropriationClass: 'PS',
    fundingSource: 'GAAB',
    fiscalYear: 2024,
    budget: '111648503.00',
    stage: 'enacted',
  },
  {
    key: 'bpda-me',
    moa: 'BPDA',
    title: 'Monitoring and Evaluation',
    category: 'activity',
    sector: 'governance',
    appropriationClass: 'MOOE',
    fundingSource: 'GAAB',
    fiscalYear: 2025,
    budget: '6581750.00',
    stage: 'approved',
  },
  {
    key: 'oobc-obc',
    moa: 'OOBC',
    title: 'Socio-Economic Assistance to Other Bangsamoro Communities',
    category: 'project',
    sector: 'peace_security',
    appropriationClass: 'MOOE',
    fundingSource: 'other',
    fiscalYear: 2026,
    budget: '25000000.00',
    stage: 'draft',
  },
];

/** The roadmap's mock-up, under the Livelihood Training PPA's default activities. */
export const LIVELIHOOD_TREE = {
  Preparation: [
    { title: 'Venue Booking', amount: '300000.00', status: 'completed', progress: 100 },
    { title: 'Invitations', amount: '450000.00', status: 'in_progress', progress: 60 },
  ],
  Execution: [{ title: 'Training Sessions', amount: '3750000.00', status: 'in_progress', progress: 30 }],
  'Completion & Reporting': [{ title: 'M&E Report', amount: '500000.00', status: 'not_started', progress: 0 }],
} as const;

/**
 * The ledger so far, oldest first: each payment (DV) follows the commitment (ORS) it pays, on the same item.
 * Venue Booking is over its ₱300,000.00 by ₱42,500.00 (14%), the seeded overspend: its three extra days were
 * obligated, then paid.
 */
export const LIVELIHOOD_EXPENDITURES = [
  {
    item: 'Venue Booking',
    kind: 'obligation',
    amount: '300000.00',
    spentOn: '2026-02-20',
    referenceNo: 'ORS-2026-02-0031',
    description: 'Training hall, Cotabato City: contract',
  },
  {
    item: 'Venue Booking',
    kind: 'disbursement',
    amount: '200000.00',
    spentOn: '2026-03-02',
    referenceNo: 'DV-2026-03-0118',
    description: 'Training hall, Cotabato City: down payment',
  },
  {
    item: 'Invitations',
    kind: 'obligation',
    amount: '250000.00',
    spentOn: '2026-03-05',
    referenceNo: 'ORS-2026-03-0047',
    description: 'Printing and courier of invitations: contract',
  },
  {
    item: 'Invitations',
    kind: 'disbursement',
    amount: '180000.00',
    spentOn: '2026-03-20',
    referenceNo: 'DV-2026-03-0204',
    description: 'Printing and courier of invitations',
  },
  {
    item: 'Venue Booking',
    kind: 'obligation',
    amount: '42500.00',
    spentOn: '2026-04-10',
    referenceNo: 'ORS-2026-04-0012',
    description: 'Training hall: three extra days',
  },
  {
    item: 'Venue Booking',
    kind: 'disbursement',
    amount: '142500.00',
    spentOn: '2026-04-15',
    referenceNo: 'DV-2026-04-0166',
    description: 'Training hall balance and extra days',
  },
  {
    item: 'Training Sessions',
    kind: 'obligation',
    amount: '2250000.00',
    spentOn: '2026-05-25',
    referenceNo: 'ORS-2026-05-0090',
    description: 'Trainers, materials and meals: batches 1 and 2',
  },
  {
    item: 'Training Sessions',
    kind: 'disbursement',
    amount: '1125000.00',
    spentOn: '2026-06-30',
    referenceNo: 'DV-2026-06-0311',
    description: 'First batch: trainers, materials and meals',
  },
] as const;

/** Past progress of Livelihood Training (first of each month), for the progress-over-time chart. */
export const LIVELIHOOD_PROGRESS_HISTORY = [
  { day: '2026-03-01', progress: 4 },
  { day: '2026-04-01', progress: 11 },
  { day: '2026-05-01', progress: 18 },
  { day: '2026-06-01', progress: 24 },
  { day: '2026-07-01', progress: 29 },
  { day: '2026-08-01', progress: 32 },
] as const;
