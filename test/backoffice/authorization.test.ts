// The back office's authorization matrix: every route the app registers under /backoffice is listed
// here with the roles it is for (a new route without an entry fails this test). Each role, a member
// of another office and a visitor are tried on each route.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import * as settings from '../../src/backoffice/settings/index.ts';
import { approve, liveContent, type ServiceContent, saveDraft, submitForReview } from '../../src/catalog/index.ts';
import { addParticipant, createCheck, defaultModels } from '../../src/digicheck/index.ts';
import { formVersions } from '../../src/forms/index.ts';
import { integrationService } from '../../src/handoff/integrations.ts';
import { targetService } from '../../src/handoff/target-service.ts';
import { addMilestone } from '../../src/ozg/index.ts';
import type { StaffRole } from '../../src/platform/db/schema.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { Browser, csrfToken, formAction, multipartBody, type Page } from '../support/browser.ts';
import { submitParking } from '../support/journeys.ts';
import { STAFF_PASSWORD, staffFor, staffSignedIn } from '../support/staff.ts';

const ROLES: StaffRole[] = ['sachbearbeitung', 'teamleitung', 'redaktion', 'ozg_koordination', 'administration'];
const CASES: StaffRole[] = ['sachbearbeitung', 'teamleitung'];

const EDIT: StaffRole[] = ['redaktion'];
const DIGICHECK: StaffRole[] = ['ozg_koordination', 'administration'];
const REVIEW: StaffRole[] = ['redaktion', 'teamleitung'];

/** Routes that take a file: the page with their form, and the fields they post with it. */
const UPLOADS: Record<string, { page: string; fields: Record<string, string> }> = {
  'POST /backoffice/formulare': { page: '/backoffice/formulare', fields: { kind: 'fim', formId: 'x' } },
  'POST /backoffice/digicheck/modell': { page: '/backoffice/digicheck/modell', fields: { kind: 'measures' } },
};

/**
 * Who may use a route; `scoped` routes find their object only through the staff member's offices;
 * `state` routes answer 409 when the object is not in the state they need (no draft to send, say).
 */
const ACCESS: Record<string, { roles: StaffRole[]; scoped?: boolean; state?: boolean }> = {
  'GET /backoffice/digicheck': { roles: DIGICHECK },
  'GET /backoffice/digicheck/modell': { roles: ['administration'] },
  'GET /backoffice/digicheck/modell/fragebogen.json': { roles: ['administration'] },
  'GET /backoffice/digicheck/modell/massnahmen.json': { roles: ['administration'] },
  'POST /backoffice/digicheck/modell': { roles: ['administration'] },
  'GET /backoffice/digicheck/neu': { roles: DIGICHECK },
  'POST /backoffice/digicheck/neu': { roles: DIGICHECK },
  'GET /backoffice/digicheck/:id': { roles: DIGICHECK },
  'POST /backoffice/digicheck/:id/teilnehmende': { roles: DIGICHECK },
  'POST /backoffice/digicheck/:id/teilnehmende/:participantId/einladung': { roles: DIGICHECK },
  'GET /backoffice/digicheck/:id/ergebnis': { roles: DIGICHECK },
  'GET /backoffice/digicheck/:id/bericht.pdf': { roles: DIGICHECK },
  'GET /backoffice/digicheck/:id/massnahmen.csv': { roles: DIGICHECK },
  'POST /backoffice/digicheck/:id/rahmen': { roles: DIGICHECK },
  'POST /backoffice/digicheck/:id/plan': { roles: DIGICHECK },
  'GET /backoffice/digicheck/:id/interview/:participantId': { roles: DIGICHECK },
  'GET /backoffice/digicheck/:id/interview/:participantId/:categoryId': { roles: DIGICHECK },
  'POST /backoffice/digicheck/:id/interview/:participantId/:categoryId': { roles: DIGICHECK },
  'GET /backoffice/redaktion': { roles: REVIEW },
  'GET /backoffice/redaktion/neu': { roles: EDIT },
  'POST /backoffice/redaktion/neu': { roles: EDIT },
  'GET /backoffice/redaktion/:id': { roles: REVIEW },
  'GET /backoffice/redaktion/:id/fassungen/:number': { roles: REVIEW },
  'GET /backoffice/redaktion/:id/bearbeiten': { roles: EDIT },
  'POST /backoffice/redaktion/:id/bearbeiten': { roles: EDIT },
  'POST /backoffice/redaktion/:id/pruefung': { roles: EDIT, state: true },
  'POST /backoffice/redaktion/:id/zurueckgeben': { roles: REVIEW },
  'POST /backoffice/redaktion/:id/freigeben': { roles: REVIEW, state: true },
  'POST /backoffice/redaktion/:id/verwerfen': { roles: EDIT, state: true },
  'POST /backoffice/redaktion/:id/archivieren': { roles: EDIT },
  'POST /backoffice/redaktion/:id/geprueft': { roles: EDIT },
  'GET /backoffice': { roles: ROLES },
  'GET /backoffice/benutzer': { roles: ['administration'] },
  'POST /backoffice/benutzer': { roles: ['administration'] },
  'GET /backoffice/benutzer/:id': { roles: ['administration'] },
  'POST /backoffice/benutzer/:id': { roles: ['administration'] },
  'POST /backoffice/benutzer/:id/totp-zuruecksetzen': { roles: ['administration'] },
  'GET /backoffice/protokoll': { roles: ['administration'] },
  'GET /backoffice/ozg': { roles: ['ozg_koordination'] },
  'GET /backoffice/ozg/:id': { roles: ['ozg_koordination'] },
  'GET /backoffice/ozg/leistungen': { roles: ['ozg_koordination'] },
  'GET /backoffice/ozg/leistungen/:ozgId': { roles: ['ozg_koordination'] },
  'POST /backoffice/ozg/leistungen/:ozgId/planung': { roles: ['ozg_koordination'] },
  'POST /backoffice/ozg/leistungen/:ozgId/meilensteine': { roles: ['ozg_koordination'] },
  'POST /backoffice/ozg/leistungen/:ozgId/meilensteine/:milestoneId/erledigt': { roles: ['ozg_koordination'] },
  'GET /backoffice/ozg/export.csv': { roles: ['ozg_koordination'] },
  'GET /backoffice/ozg/export.xlsx': { roles: ['ozg_koordination'] },
  'POST /backoffice/ozg/:id/festlegung': { roles: ['ozg_koordination'] },
  'POST /backoffice/ozg/:id/festlegung-aufheben': { roles: ['ozg_koordination'] },
  'POST /backoffice/ozg/:id/planung': { roles: ['ozg_koordination'] },
  'POST /backoffice/ozg/:id/meilensteine': { roles: ['ozg_koordination'] },
  'POST /backoffice/ozg/:id/meilensteine/:milestoneId/erledigt': { roles: ['ozg_koordination'] },
  'GET /backoffice/zustellungen': { roles: ['administration'] },
  'GET /backoffice/zustellungen/:id': { roles: ['administration'] },
  'POST /backoffice/zustellungen/:id/erneut': { roles: ['administration'] },
  'POST /backoffice/zustellungen/:id/abbrechen': { roles: ['administration'] },
  'GET /backoffice/schnittstellen': { roles: ['administration'] },
  'POST /backoffice/schnittstellen': { roles: ['administration'] },
  'GET /backoffice/schnittstellen/:id': { roles: ['administration'] },
  'POST /backoffice/schnittstellen/:id': { roles: ['administration'] },
  'POST /backoffice/schnittstellen/:id/geheimnis': { roles: ['administration'] },
  'POST /backoffice/schnittstellen/:id/api-schluessel': { roles: ['administration'] },
  'POST /backoffice/schnittstellen/:id/status': { roles: ['administration'] },
  'GET /backoffice/schnittstellen/ziele/neu': { roles: ['administration'] },
  'POST /backoffice/schnittstellen/ziele': { roles: ['administration'] },
  'GET /backoffice/schnittstellen/ziele/:id': { roles: ['administration'] },
  'POST /backoffice/schnittstellen/ziele/:id/status': { roles: ['administration'] },
  'POST /backoffice/schnittstellen/ziele/:id/geheimnis': { roles: ['administration'] },
  'GET /backoffice/formulare': { roles: ['redaktion'] },
  'GET /backoffice/zuordnung': { roles: ['redaktion'] },
  'GET /backoffice/zuordnung/import': { roles: ['redaktion'] },
  'POST /backoffice/zuordnung/import': { roles: ['redaktion'] },
  'POST /backoffice/zuordnung/import/vorschau': { roles: ['redaktion'] },
  'POST /backoffice/zuordnung/import/bestaetigen': { roles: ['redaktion'] },
  'GET /backoffice/zuordnung/:id': { roles: ['redaktion'] },
  'POST /backoffice/zuordnung/:id/uebernehmen': { roles: ['redaktion'] },
  'POST /backoffice/zuordnung/:id/verwerfen': { roles: ['redaktion'] },
  'POST /backoffice/formulare': { roles: ['redaktion'] },
  'POST /backoffice/formulare/:id/veroeffentlichen': { roles: ['redaktion'] },
  'GET /backoffice/leistungen': { roles: ['teamleitung'] },
  'GET /backoffice/leistungen/:id': { roles: ['teamleitung'], scoped: true },
  'POST /backoffice/leistungen/:id/frist': { roles: ['teamleitung'], scoped: true },
  'POST /backoffice/leistungen/:id/ablauf': { roles: ['teamleitung'], scoped: true },
  'POST /backoffice/leistungen/:id/zustellung': { roles: ['teamleitung'], scoped: true },
  'GET /backoffice/leistungen/:id/vorlagen/:templateId': { roles: ['teamleitung'], scoped: true },
  'POST /backoffice/leistungen/:id/vorlagen/:templateId': { roles: ['teamleitung'], scoped: true },
  'POST /backoffice/leistungen/:id/vorlagen/:templateId/loeschen': { roles: ['teamleitung'], scoped: true },
  'GET /backoffice/api/vorgaenge': { roles: CASES },
  'GET /backoffice/vorgaenge/:id': { roles: CASES, scoped: true },
  'POST /backoffice/vorgaenge/:id/stand': { roles: CASES, scoped: true },
  'POST /backoffice/vorgaenge/:id/nachforderung': { roles: CASES, scoped: true },
  'POST /backoffice/vorgaenge/:id/notizen': { roles: CASES, scoped: true },
  'POST /backoffice/vorgaenge/:id/bescheid': { roles: CASES, scoped: true },
  'GET /backoffice/vorgaenge/:id/bescheide/:noticeId.pdf': { roles: CASES, scoped: true },
  'GET /backoffice/vorgaenge/:id/akte.zip': { roles: CASES, scoped: true },
  'POST /backoffice/vorgaenge/:id/zuweisung': { roles: CASES, scoped: true },
  'GET /backoffice/vorgaenge/:id/dateien/:uploadId': { roles: CASES, scoped: true },
  'GET /backoffice/vorgaenge/:id/dateien/:uploadId/inhalt': { roles: CASES, scoped: true },
  'GET /backoffice/vorgaenge/:id/dateien/:uploadId/ansicht': { roles: CASES, scoped: true },
  'GET /backoffice/vorgaenge/:id/eingangsbestaetigung.pdf': { roles: CASES, scoped: true },
};
/** Signing in and out is for everyone. */
const PUBLIC = ['/backoffice/anmelden', '/backoffice/anmelden/code', '/backoffice/abmelden'];

/** Every "METHOD /path" the app serves, read from Fastify's route tree (HEAD and OPTIONS left out). */
function routesOf(app: FastifyInstance): string[] {
  const stack: string[] = [];
  const routes: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^((?:[│ ] {3})*)[├└]── (\S+)(?: \(([^)]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = (m[1] as string).length / 4;
    stack.length = depth;
    stack.push(m[2] as string);
    const path = stack.join('').replace(/^\/\//, '/');
    for (const method of (m[3] ?? '').split(', ').filter((x) => x === 'GET' || x === 'POST'))
      routes.push(`${method} ${path.startsWith('/') ? path : `/${path}`}`);
  }
  return routes;
}

describe('back-office authorization matrix', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  const members = new Map<StaffRole, { b: Browser; home: Page }>();
  const strangers = new Map<StaffRole, { b: Browser; home: Page }>();
  let routes: string[];

  before(async () => {
    t = await createTestApp('demo');
    const db = t.database.db;
    // A hand-off target, so that the application has a delivery to address.
    const parking = await db.selectFrom('forms').select('service_id').where('id', '=', 'bewohnerparkausweis').executeTakeFirstOrThrow();
    const targets = targetService({ db, forms: formVersions(db), masterSecret: 'test', allowHttp: true });
    const common = { serviceId: parking.service_id as string, onlyIf: { field: '', value: '' }, clientSecret: '', integrationId: '' };
    ids.target = (await targets.create({ ...common, kind: 'webhook', name: 'Verfahren', settings: { url: 'http://127.0.0.1:9/hook' } })).id;
    ids.integration = (
      await integrationService({ db, masterSecret: 'test', issuer: 'http://localhost' }).create({ name: 'FV', serviceIds: [], operations: ['status:write'] })
    ).integration.id;
    const done = await submitParking(new Browser(t.app), 'citizen@example.org', { vorname: 'Hanna', nachname: 'Hausmann' });
    const reference = /MST-\d{4}-\d{6}/.exec(done.html)?.[0] as string;
    const kase = await db.selectFrom('applications').select(['id', 'service_id']).where('reference', '=', reference).executeTakeFirstOrThrow();
    ids.case = kase.id;
    ids.service = kase.service_id as string;
    ids.milestone = await addMilestone(db, { serviceId: ids.service as string }, 'Formular testen', '2027-03-31');
    ids.leistungMilestone = await addMilestone(db, { ozgId: 10513 }, 'Hersteller auswählen', '2027-06-30');
    ids.delivery = (await db.selectFrom('handoff_deliveries').select('id').where('application_id', '=', kase.id).executeTakeFirstOrThrow()).id;
    ids.upload = (await db.selectFrom('uploads').select('id').where('application_id', '=', kase.id).executeTakeFirstOrThrow()).id;
    for (const role of ROLES) {
      const b = new Browser(t.app);
      members.set(role, { b, home: await staffSignedIn(b, db, `${role}@musterstadt.example`, [role], ['strassenverkehr']) });
    }
    for (const role of CASES) {
      const b = new Browser(t.app);
      strangers.set(role, { b, home: await staffSignedIn(b, db, `${role}@standesamt.example`, [role], ['standesamt']) });
    }
    // A published version of the service (written by the editor, approved by the team lead).
    const staffId = async (role: StaffRole) =>
      (await db.selectFrom('staff_users').select('id').where('email', '=', `${role}@musterstadt.example`).executeTakeFirstOrThrow()).id;
    const live = await liveContent(db, ids.service);
    await saveDraft(db, ids.service, { ...(live?.content as ServiceContent), summary: 'Neu' }, await staffId('redaktion'), null);
    await submitForReview(db, ids.service, await staffId('redaktion'), '');
    assert.ok((await approve(db, ids.service, { id: await staffId('teamleitung'), roles: ['teamleitung'] }, '')).ok);
    // A DigiCheck with a participant.
    const { questionnaire, measures } = defaultModels();
    ids.check = await createCheck(db, {
      department: 'Ordnung',
      organisationId: null,
      interviewerId: await staffId('ozg_koordination'),
      fields: ['daten'],
      questionnaire,
      measures,
      planStart: '2027-01-01',
    });
    ids.participant = await addParticipant(db, ids.check, 'Paula', 'staff');
    // A notice and a template to address.
    const worker = members.get('sachbearbeitung') as { b: Browser; home: Page };
    let page = await worker.b.get(`/backoffice/vorgaenge/${ids.case}`);
    page = await worker.b.post(`/backoffice/vorgaenge/${ids.case}/stand`, { from: 'eingegangen', to: 'in_pruefung' }, page.html);
    await worker.b.post(
      `/backoffice/vorgaenge/${ids.case}/bescheid`,
      { outcome: 'bewilligt', body: 'Bewilligt.', legalRemedy: 'Widerspruch.', fee: '0', aktion: 'erlassen' },
      page.html,
    );
    ids.notice = (await db.selectFrom('notices').select('id').where('application_id', '=', ids.case).executeTakeFirstOrThrow()).id;
    ids.template = await settings.saveTemplate(
      db,
      ids.service,
      undefined,
      { name: 'V', outcome: 'bewilligt', body: 'B', legalRemedy: 'R', feeCents: 0 },
      'test',
    );
    // The user administration works on a user of its own (a reset of the second factor ends sessions).
    const target = {
      email: 'ziel@musterstadt.example',
      name: 'Ziel',
      password: STAFF_PASSWORD,
      roles: ['sachbearbeitung'] as StaffRole[],
      organisationIds: [],
    };
    await staffFor(db).createUser(target, 'test');
    ids.user = (await db.selectFrom('staff_users').select('id').where('email', '=', target.email).executeTakeFirstOrThrow()).id;
    routes = routesOf(t.app).filter((r) => r.split(' ')[1]?.startsWith('/backoffice'));
  });
  after(() => t.close());

  const url = (route: string) => {
    const path = route.split(' ')[1] as string;
    const id = path.startsWith('/backoffice/vorgaenge')
      ? ids.case
      : ['/backoffice/leistungen', '/backoffice/ozg', '/backoffice/zuordnung', '/backoffice/redaktion'].some((p) => path.startsWith(p))
        ? ids.service
        : path.startsWith('/backoffice/formulare')
          ? 'bewohnerparkausweis'
          : path.startsWith('/backoffice/zustellungen')
            ? ids.delivery
            : path.startsWith('/backoffice/schnittstellen/ziele')
              ? ids.target
              : path.startsWith('/backoffice/schnittstellen')
                ? ids.integration
                : path.startsWith('/backoffice/digicheck')
                  ? ids.check
                  : ids.user;
    return path
      .replace(':id', id as string)
      .replace(':uploadId', ids.upload as string)
      .replace(':noticeId', ids.notice as string)
      .replace(':templateId', ids.template as string)
      .replace(':milestoneId', (path.includes('/leistungen/') ? ids.leistungMilestone : ids.milestone) as string)
      .replace(':number', '1')
      .replace(':participantId', ids.participant as string)
      .replace(':categoryId', 'daten')
      .replace(':ozgId', '10513');
  };
  const call = async (who: { b: Browser; home: Page }, route: string) => {
    if (route.startsWith('GET ')) return who.b.get(url(route));
    // Matching posts the LeiKa key of the suggestion it is about.
    if (/\/(uebernehmen|verwerfen)$/.test(route)) return who.b.post(url(route), { key: '99108001001000' }, who.home.html);
    // A change to a DigiCheck's plan names what it changes.
    if (route.endsWith('/digicheck/:id/plan')) return who.b.post(url(route), { action: 'restore', key: 'e-akte' }, who.home.html);
    const upload = UPLOADS[route];
    if (!upload) return who.b.post(url(route), {}, who.home.html);
    // An upload form posts multipart data (here without a file) to an action carrying the token.
    const form = await who.b.get(upload.page);
    const { payload, contentType } = multipartBody(upload.fields, []);
    const action = form.status === 200 ? formAction(form.html, upload.page) : `${upload.page}?_csrf=${csrfToken(who.home.html)}`;
    return who.b.request('POST', action, payload, { 'content-type': contentType });
  };

  test('every back-office route is in the matrix', () => {
    assert.ok(routes.length > 20, routes.join());
    const unlisted = routes.filter((r) => !ACCESS[r] && !PUBLIC.includes(r.split(' ')[1] as string));
    assert.deepEqual(unlisted, []);
    assert.deepEqual(
      Object.keys(ACCESS).filter((r) => !routes.includes(r)),
      [],
      'no stale entries',
    );
  });

  test('visitors are sent to sign in; a citizen session opens nothing', async () => {
    for (const route of Object.keys(ACCESS)) {
      const response = await t.app.inject({ method: route.startsWith('GET ') ? 'GET' : 'POST', url: url(route), cookies: { amtsweg_session: 'x'.repeat(43) } });
      const api = route.includes('/api/');
      assert.ok(
        api
          ? response.statusCode === 401
          : (response.statusCode === 303 && response.headers.location === '/backoffice/anmelden') || response.statusCode === 403,
        `${route}: ${response.statusCode}`,
      );
    }
  });

  test('roles: refused (403) without the role, served with it', async () => {
    // Deleting comes last, so that the template is there for the other routes.
    const ordered = Object.keys(ACCESS).sort((a, b) => Number(a.endsWith('/loeschen')) - Number(b.endsWith('/loeschen')));
    for (const route of ordered) {
      for (const role of ROLES) {
        const response = await call(members.get(role) as { b: Browser; home: Page }, route);
        const allowed = (ACCESS[route]?.roles ?? []).includes(role);
        if (!allowed) assert.equal(response.status, 403, `${route} as ${role}`);
        else if (route === 'POST /backoffice/formulare/:id/veroeffentlichen') assert.equal(response.status, 404, 'no draft to publish');
        else if (ACCESS[route]?.state) assert.ok([200, 409].includes(response.status), `${route} as ${role}: ${response.status}`);
        else {
          assert.ok([200, 422].includes(response.status), `${route} as ${role}: ${response.status}`);
          assert.notEqual(response.url, '/backoffice/anmelden', `${route} as ${role}: still signed in`);
        }
      }
    }
  });

  test('offices: the right role in another office finds nothing (404)', async () => {
    for (const [route, access] of Object.entries(ACCESS).filter(([, a]) => a.scoped)) {
      for (const role of access.roles.filter((r) => strangers.has(r))) {
        const response = await call(strangers.get(role) as { b: Browser; home: Page }, route);
        assert.equal(response.status, 404, `${route} as ${role} of another office`);
      }
    }
    const reads = await t.database.db
      .selectFrom('audit_log')
      .select('actor_id')
      .where('object_id', '=', ids.case as string)
      .execute();
    const strangerIds = await t.database.db.selectFrom('staff_users').select('id').where('email', 'like', '%@standesamt.example').execute();
    assert.ok(!reads.some((r) => strangerIds.some((s) => s.id === r.actor_id)), 'nothing was read or changed by them');
  });
});
