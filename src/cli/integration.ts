// `amtsweg integration create`: access for a Fachverfahren from the command line (as the back office's
// "Schnittstellen" page does), optionally with pull targets for its services. The client secret is
// printed once.
import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import { formVersions } from '../forms/index.ts';
import { integrationService, OPERATIONS, type Operation } from '../handoff/integrations.ts';
import { targetService } from '../handoff/target-service.ts';
import { audit } from '../platform/audit/index.ts';
import type { Database } from '../platform/db/schema.ts';

export async function createIntegration(
  db: Kysely<Database>,
  config: Config,
  option: (name: string) => string | undefined,
  pull: boolean,
  print: (line: string) => void,
): Promise<number> {
  const name = option('--name');
  const slugs = (option('--service') ?? '').split(',').filter(Boolean);
  const operations = (option('--operations') ?? OPERATIONS.join(',')).split(',').filter(Boolean);
  if (!name || slugs.length === 0) throw new Error('integration create needs --name and --service SLUG[,SLUG]');
  const unknownOps = operations.filter((op) => !(OPERATIONS as readonly string[]).includes(op));
  if (unknownOps.length > 0) throw new Error(`unknown operation: ${unknownOps.join(', ')} (known: ${OPERATIONS.join(', ')})`);
  const services = await db.selectFrom('services').select(['id', 'slug', 'title']).where('slug', 'in', slugs).execute();
  const unknown = slugs.filter((s) => !services.some((x) => x.slug === s));
  if (unknown.length > 0) throw new Error(`unknown service: ${unknown.join(', ')}`);
  const integrations = integrationService({ db, masterSecret: config.sessionSecret, issuer: config.publicUrl });
  const { integration, clientSecret } = await integrations.create({ name, serviceIds: services.map((s) => s.id), operations: operations as Operation[] });
  await audit(db, {
    actorType: 'system',
    actorId: 'cli',
    action: 'integration.create',
    objectType: 'integration',
    objectId: integration.id,
    details: { name, services: slugs, operations },
  });
  if (pull) {
    const targets = targetService({ db, forms: formVersions(db), masterSecret: config.sessionSecret, allowHttp: config.handoff.allowHttp });
    for (const s of services) {
      const created = await targets.create({
        serviceId: s.id,
        kind: 'pull',
        name,
        settings: {},
        onlyIf: { field: '', value: '' },
        clientSecret: '',
        integrationId: integration.id,
      });
      await audit(db, {
        actorType: 'system',
        actorId: 'cli',
        action: 'handoff.target.create',
        objectType: 'handoff_target',
        objectId: created.id,
        details: { service: s.title, kind: 'pull', name },
      });
    }
  }
  print(`Created integration "${name}" for ${services.map((s) => s.title).join(', ')} (${operations.join(' ')}).`);
  print(`  client_id:     ${integration.clientId}`);
  print(`  client_secret: ${clientSecret}`);
  print('The secret is shown this once. Token endpoint: POST /api/v1/oauth/token (grant_type=client_credentials).');
  if (pull) print(`Submissions of ${services.length === 1 ? 'this service' : 'these services'} now wait at GET /api/v1/handoff/submissions.`);
  return 0;
}
