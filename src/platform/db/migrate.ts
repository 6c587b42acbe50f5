// Forward-only migrations, the same TypeScript files on PGlite and PostgreSQL.
import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import * as catalog from './migrations/0001_catalog.ts';
import * as forms from './migrations/0002_forms.ts';
import * as applications from './migrations/0003_applications.ts';
import * as accounts from './migrations/0004_accounts.ts';
import * as backoffice from './migrations/0005_backoffice.ts';
import * as caseSettings from './migrations/0006_case_settings.ts';
import * as handoff from './migrations/0007_handoff.ts';
import * as ozg from './migrations/0008_ozg.ts';
import * as ozgPlans from './migrations/0009_ozg_plans.ts';
import * as editorial from './migrations/0010_editorial.ts';
import * as leistungMilestones from './migrations/0011_ozg_leistung_milestones.ts';
import * as digicheck from './migrations/0012_digicheck.ts';
import * as digicheckModels from './migrations/0013_digicheck_models.ts';
import * as digicheckInvitations from './migrations/0014_digicheck_invitations.ts';
import * as auditBatches from './migrations/0015_audit_batches.ts';
import * as caseCountSlots from './migrations/0016_case_count_slots.ts';
import * as staffNotify from './migrations/0017_staff_notify.ts';

const migrations: Record<string, Migration> = {
  '0001_catalog': catalog,
  '0002_forms': forms,
  '0003_applications': applications,
  '0004_accounts': accounts,
  '0005_backoffice': backoffice,
  '0006_case_settings': caseSettings,
  '0007_handoff': handoff,
  '0008_ozg': ozg,
  '0009_ozg_plans': ozgPlans,
  '0010_editorial': editorial,
  '0011_ozg_leistung_milestones': leistungMilestones,
  '0012_digicheck': digicheck,
  '0013_digicheck_models': digicheckModels,
  '0014_digicheck_invitations': digicheckInvitations,
  '0015_audit_batches': auditBatches,
  '0016_case_count_slots': caseCountSlots,
  '0017_staff_notify': staffNotify,
};

// Listed in code rather than read from disk, so migrations run the same from any working directory.
const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Kysely<never>): Promise<string[]> {
  const migrator = new Migrator({ db, provider, migrationTableName: 'amtsweg_migrations', migrationLockTableName: 'amtsweg_migrations_lock' });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
