// The citizen's rights over their data (DSGVO): everything stored about the account as a download,
// and deleting the account with what retention rules keep, said plainly.
export { type PrivacyDeps, registerPrivacyRoutes as registerPrivacy } from './routes.tsx';
