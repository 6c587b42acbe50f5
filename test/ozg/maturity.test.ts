// The Reifegrad computed from what runs: each criterion, the level they add up to, what the next
// level needs; and in the open-data status, a service's level following its form, its eID
// requirement and its postbox delivery, with the coordination's override shown as such.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { hundesteuer } from '../../src/forms/demo/hundesteuer.ts';
import { type FormDefinition, linkFormToService, publishDraftVersion, saveDraftVersion } from '../../src/forms/index.ts';
import { computeMaturity, type MaturityFacts, quarterSpan, setOverride } from '../../src/ozg/index.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

const base: MaturityFacts = { published: true, externalOnline: false, requiresDocuments: true, noticeToPostbox: true, paperStep: false };
const form = { trustLevel: 'substantiell', hasUpload: true, prefilled: true };

describe('computed maturity', () => {
  it('adds up the criteria level by level', () => {
    assert.equal(computeMaturity({ ...base, published: false }).computed, 0);
    assert.deepEqual(computeMaturity(base).missing, ['onlineForm']);
    assert.equal(computeMaturity(base).computed, 1);
    assert.equal(computeMaturity({ ...base, form }).computed, 4);
    assert.deepEqual(computeMaturity({ ...base, form: { ...form, trustLevel: undefined } }), {
      level: 2,
      computed: 2,
      override: undefined,
      met: ['information', 'onlineForm', 'proofs', 'postbox', 'noPaper', 'onceOnly'],
      missing: ['eid'],
      external: false,
    });
    assert.deepEqual(computeMaturity({ ...base, form: { ...form, hasUpload: false }, paperStep: true }).missing, ['proofs', 'noPaper']);
    assert.equal(computeMaturity({ ...base, form: { ...form, hasUpload: false }, requiresDocuments: false }).computed, 4, 'no proofs asked: none to upload');
    assert.deepEqual(computeMaturity({ ...base, form: { ...form, prefilled: false } }).missing, ['onceOnly']);
  });

  it('counts an online service elsewhere as level 2, and no more', () => {
    const m = computeMaturity({ ...base, externalOnline: true });
    assert.equal(m.computed, 2);
    assert.equal(m.external, true);
  });

  it('lets an override stand over the computed level, keeping both', () => {
    const m = computeMaturity({ ...base, form, override: { level: 2, reason: 'Papier-Nachweis noch nötig' } });
    assert.equal(m.level, 2);
    assert.equal(m.computed, 4);
  });
});

describe('OZG status (open data)', () => {
  let t: TestApp;
  let serviceId: string;
  before(async () => {
    t = await createTestApp('demo');
    const db = t.database.db;
    const service = await db
      .selectFrom('services')
      .select('id')
      .where('status', '=', 'published')
      .where('online_service_url', 'is', null)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('forms').select('id').whereRef('forms.service_id', '=', 'services.id'))))
      .where(sql<boolean>`cardinality(required_documents) > 0`)
      .orderBy('slug')
      .executeTakeFirstOrThrow();
    serviceId = service.id;
  });
  after(() => t.close());

  const statusOf = async () => {
    const res = await t.app.inject({ url: '/api/v1/ozg/status' });
    assert.equal(res.statusCode, 200);
    return (res.json().services as { id: string; reifegrad: number; computedReifegrad: number; missingForNext: string[]; override: unknown }[]).find(
      (s) => s.id === serviceId,
    );
  };
  const publish = async (definition: FormDefinition) => {
    await saveDraftVersion(t.database.db, definition);
    await publishDraftVersion(t.database.db, definition.id);
  };

  it('follows the form, its eID requirement and the postbox delivery', async () => {
    const db = t.database.db;
    assert.deepEqual(await statusOf(), { ...(await statusOf()), reifegrad: 1, missingForNext: ['onlineForm'] });

    const test: FormDefinition = { ...hundesteuer, id: 'reifegrad-test', trustLevel: undefined };
    await publish(test);
    await linkFormToService(db, test.id, serviceId);
    let status = await statusOf();
    assert.equal(status?.reifegrad, 2);
    assert.deepEqual(status?.missingForNext, ['eid']);

    await db.updateTable('services').set({ notice_to_postbox: false }).where('id', '=', serviceId).execute();
    await publish({ ...test, trustLevel: 'substantiell' });
    status = await statusOf();
    assert.equal(status?.reifegrad, 2);
    assert.deepEqual(status?.missingForNext, ['postbox'], 'eID is required now; notices still go on paper');

    await db.updateTable('services').set({ notice_to_postbox: true }).where('id', '=', serviceId).execute();
    status = await statusOf();
    assert.equal(status?.reifegrad, 4, 'fully online, and prefilled from the identity');

    await setOverride(db, serviceId, { level: 3, reason: 'Vorbefüllung noch nicht aus dem Register' });
    status = await statusOf();
    assert.equal(status?.reifegrad, 3);
    assert.equal(status?.computedReifegrad, 4);
    assert.deepEqual(status?.override, { reifegrad: 3, reason: 'Vorbefüllung noch nicht aus dem Register' });
  });

  it('comes as CSV too, one row per service', async () => {
    const res = await t.app.inject({ url: '/api/v1/ozg/status.csv' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/csv/);
    const [header, ...rows] = res.body.trim().split('\n');
    assert.match(header ?? '', /^id,slug,title,status,ozgId,leikaKey,organisation,reifegrad,computedReifegrad,external,overrideReason,information,/);
    const services = await t.database.db.selectFrom('services').select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow();
    assert.equal(rows.length, Number(services.n));
  });
});

describe('KDN reference codes', () => {
  it('priorities and statuses are those of the KDN OZG-Datenbank', async () => {
    const { PRIORITIES, PLAN_STATUSES } = await import('../../src/ozg/index.ts');
    const fs = await import('node:fs');
    const codes = JSON.parse(fs.readFileSync(new URL('../../../shared/data/ozg/kdn_referenzcodes.json', import.meta.url), 'utf8')) as Record<
      string,
      { id: number; name: string }[]
    >;
    assert.deepEqual(Object.fromEntries((codes.prioritaet ?? []).map((c) => [c.id, c.name])), PRIORITIES);
    assert.deepEqual(Object.fromEntries((codes.status ?? []).map((c) => [c.id, c.name])), PLAN_STATUSES);
  });
});

describe('roadmap quarters', () => {
  it('spans every quarter from the first to the last, across years', () => {
    assert.deepEqual(quarterSpan(['2027 Q1', '2026 Q3']), ['2026 Q3', '2026 Q4', '2027 Q1']);
    assert.deepEqual(quarterSpan([]), []);
  });
});
