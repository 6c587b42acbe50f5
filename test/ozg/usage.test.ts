// Usage figures of the online services: drafts started (counted when they begin, since expired
// drafts are deleted), applications submitted per month, completion rate, median processing time.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { lastTwelveMonths, usageByService } from '../../src/ozg/usage.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { Browser } from '../support/browser.ts';
import { submitParking } from '../support/journeys.ts';
import { staffSignedIn } from '../support/staff.ts';
import { readZip } from '../support/zip.ts';

describe('usage of the online services', () => {
  let t: TestApp;
  let parking: string;
  before(async () => {
    t = await createTestApp('demo');
    parking = (await t.database.db.selectFrom('services').select('id').where('slug', '=', 'bewohnerparkausweis').executeTakeFirstOrThrow()).id;
  });
  after(() => t.close());

  it('counts starts and submissions per month, the completion rate and the median days to a decision', async () => {
    const db = t.database.db;
    const first = await submitParking(new Browser(t.app), 'a@example.org');
    await submitParking(new Browser(t.app), 'b@example.org');
    // A third citizen starts and gives up; the draft is later deleted, the start still counts.
    const b = new Browser(t.app);
    const start = await b.get('/antrag/bewohnerparkausweis');
    await b.post('/antrag/bewohnerparkausweis', {}, start.html);
    await sql`DELETE FROM applications WHERE status = 'draft'`.execute(db);
    // Decisions 2 and 4 days after receipt.
    const submitted = await db.selectFrom('applications').select(['id', 'reference']).where('status', '=', 'submitted').orderBy('reference').execute();
    for (const [i, a] of submitted.entries()) {
      await sql`INSERT INTO application_events (application_id, status, created_at)
        SELECT id, 'entschieden', submitted_at + make_interval(days => ${2 + 2 * i}) FROM applications WHERE id = ${a.id}`.execute(db);
    }
    const usage = (await usageByService(db)).get(parking);
    assert.ok(usage);
    assert.equal(usage.started, 3);
    assert.equal(usage.submitted, 2);
    assert.equal(usage.completionRate, 2 / 3);
    assert.equal(usage.medianDays, 3);
    const thisMonth = lastTwelveMonths().at(-1);
    assert.deepEqual(usage.months.at(-1), { month: thisMonth, started: 3, submitted: 2 });
    assert.ok(/MST-\d{4}-\d{6}/.test(first.html));

    const coordinator = new Browser(t.app);
    await staffSignedIn(coordinator, db, 'ozg-usage@musterstadt.example', ['ozg_koordination'], []);
    const dashboard = await coordinator.get('/backoffice/ozg');
    assert.match(dashboard.html, /Bewohnerparkausweis<\/a><\/th><td>3<\/td><td>2<\/td><td>67 %<\/td><td>3<\/td>/);
    const page = await coordinator.get(`/backoffice/ozg/${parking}`);
    assert.match(page.html, /Abschlussquote 67 %; Bearbeitungszeit bis zur Entscheidung im Median 3 Tage\./);

    // The same figures in the exports: CSV, and XLSX (a ZIP with the sheet's shared strings).
    const csv = await coordinator.get('/backoffice/ozg/export.csv');
    assert.match(String(csv.response.headers['content-disposition']), /attachment; filename\*=UTF-8''ozg-umsetzung-\d{4}-\d{2}-\d{2}\.csv/);
    const header = csv.html.split('\r\n')[0] ?? '';
    assert.match(header, /^Leistung,Kurzname,OZG-ID,LeiKa-Schlüssel,Themenfeld,/);
    assert.match(csv.html, /\r\nBewohnerparkausweis,bewohnerparkausweis,10173,99108001001000,[^\r]*,3,2,0\.667,3\r\n/);
    const xlsx = (await coordinator.get('/backoffice/ozg/export.xlsx')).response;
    assert.equal(xlsx.statusCode, 200);
    assert.equal(xlsx.rawPayload.subarray(0, 2).toString(), 'PK');
    const entries = await readZip(xlsx.rawPayload);
    const workbook = entries.get('xl/workbook.xml')?.toString() ?? '';
    assert.match(workbook, /name="Leistungen"[\s\S]*name="Meilensteine"/);
    const strings = entries.get('xl/sharedStrings.xml')?.toString() ?? '';
    assert.ok(strings.includes('Bewohnerparkausweis') && strings.includes('Bearbeitungszeit Median (Tage)'));
  });

  it('lists the last twelve months, oldest first', () => {
    assert.deepEqual(lastTwelveMonths(new Date('2026-03-15T12:00:00Z')).slice(0, 2), ['2025-04-01', '2025-05-01']);
    assert.equal(lastTwelveMonths(new Date('2026-03-15T12:00:00Z')).at(-1), '2026-03-01');
  });
});
