// The `amtsweg` command: migrate, imports, demo data, staff accounts, integrations, audit check, worker.
import fs from 'node:fs/promises';
import type { Kysely } from 'kysely';
import { DEFAULT_LIMITS, startPortalDevIdp } from '../account/index.ts';
import { StaffInputError, staffService } from '../backoffice/index.ts';
import { importOzgCatalog, syncAllSources, syncSource } from '../catalog/index.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { seedDemo } from '../demo.ts';
import { importCodeList, importFimForm } from '../forms/index.ts';
import { verifyAuditLog } from '../platform/audit/index.ts';
import { openDatabase } from '../platform/db/database.ts';
import { DataDirLockedError } from '../platform/db/lock.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';
import type { Database, StaffRole } from '../platform/db/schema.ts';
import { runWorker } from '../worker.ts';
import { createIntegration } from './integration.ts';
import { progressReporter } from './progress.ts';

const USAGE = `Usage: amtsweg <command>

Commands:
  migrate                  apply pending database migrations
  import ozg [--from DIR]  import the OZG catalogue (Themenfelder, Lebenslagen, OZG-Leistungen, LeiKa)
  seed demo                import the demo municipality Musterstadt (needs the OZG catalogue)
  import codelist FILE     import a genericode code list (XML) for FIM forms
  import fim FILE --id ID  import an XDatenfelder 2.0/3.0.0 Stammdatenschema as the draft of form ID
  user create --email E --name N --role R[,R] [--org SLUG[,SLUG]] [--password P]
                           create a staff account (roles: sachbearbeitung, teamleitung, redaktion,
                           ozg_koordination, administration); prints a generated password once
  audit verify             check the audit log's hash chain; exit 1 if an entry was changed or removed
  integration create --name N --service SLUG[,SLUG] [--operations OP[,OP]] [--pull]
                           access for a Fachverfahren (OAuth2 client credentials; operations:
                           submissions:read, submissions:ack, status:write; all by default); --pull
                           makes its services' submissions wait for it at the pull API; prints the secret once
  federation add URL --name N   import another portal's catalogue feed (Portalverbund), kept in sync hourly
  federation sync          sync every federation source now
  worker                   run background jobs (receipts, mails, hand-off deliveries) in this process; with
                           PostgreSQL, next to web processes started with WORKER=false, on any number of machines
  dev-idp                  run the development eID provider with test identities (DEV_IDP_PORT, default 3001;
                           never with NODE_ENV=production); prints the OIDC_* settings for the portal
  help                     show this text

The database is chosen as for the server: DATABASE_URL, or PGlite in DATA_DIR.`;

export async function runCli(argv: string[], out = process.stdout): Promise<number> {
  const [command, sub, ...rest] = argv;
  const print = (line: string) => out.write(`${line}\n`);
  if (!command || command === 'help' || command === '--help') {
    print(USAGE);
    return command ? 0 : 2;
  }
  if (command === 'dev-idp') return runDevIdp(print);
  if (command === 'worker') {
    await runWorker();
    // Runs until a signal ends the process.
    return new Promise<number>(() => {});
  }
  const known =
    command === 'migrate' ||
    (command === 'import' && (sub === 'ozg' || sub === 'codelist' || sub === 'fim')) ||
    (command === 'seed' && sub === 'demo') ||
    (command === 'user' && sub === 'create') ||
    (command === 'audit' && sub === 'verify') ||
    (command === 'integration' && sub === 'create') ||
    (command === 'federation' && (sub === 'add' || sub === 'sync'));
  if (!known) {
    process.stderr.write(`amtsweg: unknown command "${argv.join(' ')}"\n\n${USAGE}\n`);
    return 2;
  }
  const config = loadConfig();
  const handle = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolMax: 2 });
  try {
    const applied = await migrateToLatest(handle.db as never);
    if (command === 'migrate') {
      print(applied.length > 0 ? `Applied migrations: ${applied.join(', ')}` : 'Database is up to date.');
      return 0;
    }
    if (command === 'import' && sub !== 'ozg') return await importFimFile(handle.db, sub as 'codelist' | 'fim', rest, print);
    if (command === 'user') return await createStaffUser(handle.db, config.sessionSecret, rest, print);
    if (command === 'federation') return await federate(handle.db, sub === 'add' ? rest : undefined, print);
    if (command === 'integration') return await createIntegration(handle.db, config, (name) => option(rest, name), rest.includes('--pull'), print);
    if (command === 'audit') {
      const result = await verifyAuditLog(handle.db);
      if (result.brokenAt) {
        print(
          `Audit log BROKEN at entry ${result.brokenAt.id} (${result.brokenAt.reason === 'hash' ? 'entry changed' : 'entry missing or inserted'}); ${result.entries} entries before it are intact.`,
        );
        return 1;
      }
      print(`Audit log intact: ${result.entries} entries.`);
      return 0;
    }
    if (command === 'import') {
      const fromIndex = rest.indexOf('--from');
      const dir = fromIndex >= 0 ? rest[fromIndex + 1] : config.ozgDataDir;
      if (!dir) throw new Error('--from needs a directory');
      const summary = await importOzgCatalog(handle.db, dir, progressReporter());
      for (const p of summary.problems) print(`skipped ${p.file}:${p.line}: ${p.reason}`);
      print(
        `Imported ${summary.themenfelder} Themenfelder, ${summary.lebenslagen} Lebenslagen, ${summary.ozgLeistungen} OZG-Leistungen, ` +
          `${summary.leika} LeiKa-Leistungen; ${summary.problems.length} rows skipped.`,
      );
      return 0;
    }
    const demo = await seedDemo(handle.db, progressReporter());
    print(`Seeded Musterstadt: ${demo.organisations} offices, ${demo.services} services, ${demo.forms} online forms.`);
    return 0;
  } finally {
    await handle.close();
  }
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function importFimFile(db: Kysely<Database>, kind: 'codelist' | 'fim', args: string[], print: (line: string) => void): Promise<number> {
  const file = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--id');
  if (!file) throw new Error(`import ${kind} needs a FILE`);
  const xml = await fs.readFile(file, 'utf8').catch((error: Error) => {
    throw new Error(`Cannot read ${file}: ${error.message}`);
  });
  if (kind === 'codelist') {
    const list = await importCodeList(db, xml);
    print(`Imported code list ${list.canonicalUri} (version ${list.version}): ${list.entries} entries.`);
    return 0;
  }
  const id = option(args, '--id');
  if (!id) throw new Error('import fim needs --id ID (the form id, e.g. gewerbeanmeldung)');
  const { definition, version } = await importFimForm(db, xml, id);
  for (const todo of definition.todos) print(`to do ${todo.itemId}: ${todo.message}`);
  print(`Imported "${definition.title.de}" as draft version ${version} of form ${id}: ${definition.steps.length} steps, ${definition.todos.length} to-dos.`);
  return 0;
}

async function createStaffUser(db: Kysely<Database>, secret: string, args: string[], print: (line: string) => void): Promise<number> {
  const email = option(args, '--email');
  const name = option(args, '--name');
  const roles = (option(args, '--role') ?? '').split(',').filter(Boolean) as StaffRole[];
  if (!email || !name || roles.length === 0) throw new Error('user create needs --email, --name and --role');
  const slugs = (option(args, '--org') ?? '').split(',').filter(Boolean);
  const orgs = slugs.length ? await db.selectFrom('organisations').select(['id', 'slug']).where('slug', 'in', slugs).execute() : [];
  const unknown = slugs.filter((s) => !orgs.some((o) => o.slug === s));
  if (unknown.length > 0) throw new Error(`unknown Organisationseinheit: ${unknown.join(', ')}`);
  const staff = staffService(db, { secret, idleMinutes: 30, maxHours: 10, limits: DEFAULT_LIMITS });
  try {
    const created = await staff.createUser({ email, name, roles, organisationIds: orgs.map((o) => o.id), password: option(args, '--password') }, 'cli');
    print(`Created ${email} (${roles.join(', ')}). ${option(args, '--password') ? '' : `Initial password: ${created.password}`}`.trim());
    print('At the first sign-in on /backoffice/anmelden the person sets up the authenticator app.');
    return 0;
  } catch (error) {
    if (error instanceof StaffInputError) throw new Error(`${error.field}: ${error.problem}`);
    throw error;
  }
}

/** `federation add URL --name N` (then syncs it) or `federation sync` (all sources). */
async function federate(db: Kysely<Database>, addArgs: string[] | undefined, print: (line: string) => void): Promise<number> {
  if (addArgs) {
    const [url] = addArgs;
    const name = option(addArgs, '--name');
    if (!url || !/^https?:\/\//.test(url) || !name) throw new Error('federation add needs the feed URL (http/https) and --name');
    const counts = await syncSource(db, url, name);
    print(`${name}: ${counts.imported} services imported, ${counts.withdrawn} withdrawn, ${counts.skipped} skipped.`);
    return 0;
  }
  await syncAllSources(db);
  print('Federation sources synced.');
  return 0;
}

/** Runs the development IdP until the process is stopped. */
async function runDevIdp(print: (line: string) => void): Promise<number> {
  const config = loadConfig({ ...process.env, DEV_IDP: 'false' });
  if (config.env === 'production') throw new Error('dev-idp must not run with NODE_ENV=production (it signs anyone in as a test person)');
  const port = Number(process.env.DEV_IDP_PORT || 3001);
  const idp = await startPortalDevIdp(config, port);
  print(`Development IdP on ${idp.issuer}. Start the portal with:`);
  print(`  DEV_IDP=false OIDC_ISSUER=${idp.oidc.issuer} OIDC_CLIENT_ID=${idp.oidc.clientId} OIDC_CLIENT_SECRET=${idp.oidc.clientSecret}`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await idp.close();
  return 0;
}

/** Runs the command line and exits the process with its status. */
export function main(argv: string[]): void {
  runCli(argv).then(
    (code) => process.exit(code),
    (error: unknown) => {
      // Operators get the message; the stack only on request (DEBUG=1), config errors never need it.
      const debug = process.env.DEBUG && !(error instanceof ConfigError || error instanceof DataDirLockedError);
      process.stderr.write(`amtsweg: ${error instanceof Error ? (debug ? error.stack : error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
