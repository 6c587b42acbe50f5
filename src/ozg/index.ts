// OZG implementation management: the maturity (Reifegrad) of each service computed from what runs on
// the platform, the coordination's overrides, and the status as open data.

export { registerOzgApi } from './api-routes.ts';
export { exportCsv, exportXlsx } from './export.ts';
export { type Criterion, computeMaturity, LEVEL_CRITERIA, LEVELS, type Maturity, type MaturityFacts, type Reifegrad } from './maturity.ts';
export {
  byQuarter,
  DONE,
  dayFromGerman,
  EMPTY_PLAN,
  germanDay,
  PLAN_STATUSES,
  type Plan,
  type PlanProblem,
  type PlanStatus,
  PRIORITIES,
  type Priority,
  quarterSpan,
  readPlan,
  SOLUTIONS,
} from './plan.ts';
export { levelCounts, ozgStatus, type ServiceStatus } from './status.ts';
export {
  addMilestone,
  completeMilestone,
  type Milestone,
  milestonesOf,
  type OzgLeistungPlan,
  ozgLeistungPlans,
  type PlanOwner,
  plannedOzgLeistungen,
  savePlan,
  setOverride,
} from './store.ts';
export { type MonthUsage, type ServiceUsage, usageByService } from './usage.ts';
