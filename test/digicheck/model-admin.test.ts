// DigiCheck's models edited by administrators: the edition in force downloads as JSON; an upload
// that is no JSON or refers to a missing question is refused with the reason; a good one applies to
// new checks while a check already begun keeps its own.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createCheck, defaultModels, findCheck } from '../../src/digicheck/index.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { Browser, formAction, multipartBody, type Page } from '../support/browser.ts';
import { staffSignedIn } from '../support/staff.ts';

describe('DigiCheck models for administrators', () => {
  let t: TestApp;
  let admin: Browser;
  before(async () => {
    t = await createTestApp('demo');
    admin = new Browser(t.app);
    await staffSignedIn(admin, t.database.db, 'ada@musterstadt.example', ['administration']);
  });
  after(() => t.close());

  const upload = async (page: Page, kind: 'questionnaire' | 'measures', data: string) => {
    const { payload, contentType } = multipartBody({ kind }, [{ name: 'file', filename: `${kind}.json`, type: 'application/json', data: Buffer.from(data) }]);
    return admin.request('POST', formAction(page.html, '/backoffice/digicheck/modell'), payload, { 'content-type': contentType });
  };

  it('refuses broken files with the reason and takes a good one for new checks only', async () => {
    const { questionnaire, measures } = defaultModels();
    const interviewer = (await t.database.db.selectFrom('staff_users').select('id').executeTakeFirstOrThrow()).id;
    const older = await createCheck(t.database.db, {
      department: 'Kasse',
      organisationId: null,
      interviewerId: interviewer,
      fields: ['daten'],
      questionnaire,
      measures,
      planStart: '2027-01-01',
    });

    let page = await admin.get('/backoffice/digicheck/modell');
    assert.equal(page.status, 200);
    assert.ok(page.html.includes('Ausgabe 2026.1: 7 Kategorien, 49 Fragen') && page.html.includes('mit Amtsweg ausgeliefert'));
    const file = await admin.get('/backoffice/digicheck/modell/fragebogen.json');
    const raw = JSON.parse(file.html) as { version: string; questions: { id: string; text: { de: string } }[] };
    assert.equal(raw.version, '2026.1');

    let refused = await upload(page, 'questionnaire', '{ nicht json');
    assert.equal(refused.status, 422);
    assert.ok(refused.html.includes('Die Datei wurde nicht übernommen: questionnaire: not valid JSON'));
    const measuresFile = JSON.parse((await admin.get('/backoffice/digicheck/modell/massnahmen.json')).html) as {
      measures: { triggers: { question: string; below: number }[] }[];
    };
    const [first] = measuresFile.measures;
    assert.ok(first);
    first.triggers = [{ question: 'x-gibt-es-nicht', below: 3 }];
    refused = await upload(refused, 'measures', JSON.stringify(measuresFile));
    assert.equal(refused.status, 422);
    assert.ok(refused.html.includes('trigger x-gibt-es-nicht'), 'names the broken reference');

    raw.version = '2027.1';
    const [question] = raw.questions;
    assert.ok(question);
    question.text.de = 'Wie viele Leistungen sind online?';
    page = await upload(refused, 'questionnaire', JSON.stringify(raw));
    assert.ok(page.html.includes('Die neue Ausgabe gilt ab jetzt für neue DigiChecks.'));
    assert.ok(page.html.includes('Ausgabe 2027.1') && page.html.includes('hochgeladen am'));

    const coordinator = new Browser(t.app);
    await staffSignedIn(coordinator, t.database.db, 'olga@musterstadt.example', ['ozg_koordination']);
    let form = await coordinator.get('/backoffice/digicheck/neu');
    form = await coordinator.post('/backoffice/digicheck/neu', { department: 'Bauamt', organisationId: '', fields: ['ausgangslage'] }, form.html);
    assert.ok(form.html.includes('Fragebogen 2027.1'), 'a new check takes the new edition');
    assert.equal((await findCheck(t.database.db, older))?.questionnaire.version, '2026.1', 'a check begun keeps its own');
    const audited = await t.database.db.selectFrom('audit_log').select('action').where('action', '=', 'digicheck.model_uploaded').execute();
    assert.equal(audited.length, 1);
  });

  it('is for administrators only', async () => {
    const coordinator = new Browser(t.app);
    await staffSignedIn(coordinator, t.database.db, 'olga2@musterstadt.example', ['ozg_koordination']);
    assert.equal((await coordinator.get('/backoffice/digicheck/modell')).status, 403);
  });
});
