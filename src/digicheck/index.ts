// DigiCheck: a department's digital-maturity interview, scored per category, turned into costed
// measures and a three-year roadmap within a budget and staff capacity.
export { type Analysis, analyse, applyChange, type Comparison, compare, type Finding, MIN_OTHERS, type PlanChange, planOptionsOf } from './analysis.ts';
export { dayRange, euroRange, figure, textIn } from './format.ts';
export { NOT_APPLICABLE, nextStep, readStep, stepsOf } from './interview.ts';
export {
  type Category,
  checkMeasures,
  checkModels,
  checkQuestionnaire,
  defaultModels,
  LEVELS,
  type Level,
  type Measure,
  type MeasureCatalogue,
  ModelError,
  type Models,
  type Question,
  type Questionnaire,
  type RawModels,
  replaceModel,
} from './model.ts';
export { measuresCsv, reportPdf } from './report.ts';
export { NO_EDITS, type PlanEdits, type PlanOptions, planRoadmap, quarterLabel, type Roadmap } from './roadmap.ts';
export { benefitPerCost, type Recommendation, recommend, type ServiceRef, threeYearCost } from './rules.ts';
export { type Answer, DISAGREEMENT, type ParticipantRole, type Scores, score } from './scoring.ts';
export {
  addParticipant,
  answersOf,
  type Check,
  type CheckSummary,
  createCheck,
  currentModels,
  earlierChecks,
  findCheck,
  invited,
  inviteParticipant,
  listChecks,
  otherDepartmentsChecks,
  type Participant,
  participantsOf,
  type StoredAnswer,
  saveAnswers,
  saveModels,
  savePlan,
} from './store.ts';
