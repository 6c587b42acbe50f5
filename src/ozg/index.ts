// OZG implementation management: the maturity (Reifegrad) of each service computed from what runs on
// the platform, the coordination's overrides, and the status as open data.

export { registerOzgApi } from './api-routes.ts';
export { type Criterion, computeMaturity, LEVEL_CRITERIA, LEVELS, type Maturity, type MaturityFacts, type Reifegrad } from './maturity.ts';
export { levelCounts, ozgStatus, type ServiceStatus } from './status.ts';
export { setOverride } from './store.ts';
