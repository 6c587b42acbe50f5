// DigiCheck's domain: the shipped models are complete and consistent, broken ones are refused with
// a message; scores per category with spread and staff/manager disagreement; recommendations
// explained by their answers; the roadmap respects prerequisites, never exceeds budget or capacity,
// and is deterministic.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkMeasures, checkQuestionnaire, defaultModels, type Level, type Measure, type MeasureCatalogue, ModelError } from '../../src/digicheck/model.ts';
import { planRoadmap, quarterLabel } from '../../src/digicheck/roadmap.ts';
import { recommend } from '../../src/digicheck/rules.ts';
import { type Answer, score } from '../../src/digicheck/scoring.ts';

const { questionnaire, measures } = defaultModels();
const allFields = questionnaire.categories.map((c) => c.id);

/** Every question answered by a staff member and a manager with the given levels. */
const answersAll = (staff: Level | null, manager: Level | null = staff): Answer[] =>
  questionnaire.questions.flatMap((q) => [
    { participantId: 's', role: 'staff' as const, questionId: q.id, level: staff },
    { participantId: 'm', role: 'manager' as const, questionId: q.id, level: manager },
  ]);

/** A deterministic pseudo-random sequence (mulberry32). */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('DigiCheck models', () => {
  it('ship 40–70 questions in the required categories, each with five described levels in German and English', () => {
    assert.ok(questionnaire.questions.length >= 40 && questionnaire.questions.length <= 70, String(questionnaire.questions.length));
    for (const c of ['ausgangslage', 'organisation', 'technologie', 'prozesse', 'daten', 'kompetenzen'])
      assert.ok(questionnaire.questions.filter((q) => q.category === c).length >= 5, c);
    const bases = questionnaire.questions.map((q) => q.basis ?? '').join(' ');
    for (const duty of ['OZG', 'EGovG NRW', 'BITV', 'E-Rechnung', 'BSI']) assert.ok(bases.includes(duty), duty);
  });

  it('ship at least 40 measures with costs in cents, prerequisites and triggers that resolve', () => {
    assert.ok(measures.measures.length >= 40);
    const eAkte = measures.measures.find((m) => m.id === 'e-akte') as Measure;
    assert.deepEqual(eAkte.oneOffCents, [4_000_000, 12_000_000]);
    assert.deepEqual(eAkte.prerequisites, ['prozessmodellierung']);
    assert.ok(
      measures.measures.some((m) => m.perService),
      'a measure per catalogue service',
    );
  });

  it('refuses a model with a dangling reference or a cycle, naming the entry', () => {
    const raw = (over: Partial<Record<string, unknown>>) => ({
      id: 'x',
      version: '1',
      measures: [
        { ...baseMeasure('a'), ...over },
        { ...baseMeasure('b'), prerequisites: ['a'] },
      ],
    });
    assert.throws(
      () => checkMeasures(raw({ prerequisites: ['b'] }), questionnaire),
      (e: Error) => e instanceof ModelError && /cycle: a → b → a/.test(e.message),
    );
    assert.throws(() => checkMeasures(raw({ triggers: [{ question: 'gibt-es-nicht', below: 3 }] }), questionnaire), /measure a: trigger gibt-es-nicht/);
    assert.throws(() => checkQuestionnaire({ ...questionnaire, questions: [{ ...questionnaire.questions[0], levels: [] }] }), /five described levels/);
  });
});

function baseMeasure(id: string) {
  return {
    id,
    name: { de: id, en: id },
    description: { de: id, en: id },
    categories: ['prozesse'],
    prerequisites: [],
    effortDays: [1, 2],
    oneOffEur: [100, 200],
    yearlyEur: [0, 0],
    quarters: 1,
    gain: 1,
    triggers: [{ question: 'p1-dokumentation', below: 2 }],
  };
}

describe('DigiCheck scores', () => {
  it('weights questions within a category, leaves out "not applicable", and shows the spread', () => {
    const [first, second] = questionnaire.questions.filter((q) => q.category === 'ausgangslage');
    assert.ok(first && second);
    const answers: Answer[] = [
      { participantId: 's', role: 'staff', questionId: first.id, level: 1 },
      { participantId: 'm', role: 'manager', questionId: first.id, level: 4 },
      { participantId: 's', role: 'staff', questionId: second.id, level: 2 },
      { participantId: 'm', role: 'manager', questionId: second.id, level: null },
    ];
    const scores = score(questionnaire, answers);
    const category = scores.categories.find((c) => c.categoryId === 'ausgangslage');
    const expected = (2.5 * first.weight + 2 * second.weight) / (first.weight + second.weight);
    assert.equal(category?.mean, Math.round(expected * 100) / 100);
    assert.equal(category?.spread, 3);
    assert.equal(category?.answered, 2);
    assert.deepEqual(scores.disagreements, [{ questionId: first.id, staff: 1, manager: 4 }]);
    assert.equal(scores.categories.find((c) => c.categoryId === 'daten')?.mean, null, 'nothing answered');
  });

  it('scores everything at the level everyone gave', () => {
    const scores = score(questionnaire, answersAll(3));
    assert.equal(scores.overall, 3);
    assert.ok(scores.categories.every((c) => c.mean === 3 && c.spread === 0));
  });
});

describe('DigiCheck recommendations', () => {
  it('recommends measures for low answers in the agreed fields only, explained by the answers', () => {
    const scores = score(questionnaire, answersAll(1));
    const onlyData = recommend(questionnaire, measures, scores, ['daten']);
    assert.ok(onlyData.length > 0);
    for (const r of onlyData) assert.ok(r.reasons.every((reason) => questionnaire.questions.find((q) => q.id === reason.questionId)?.category === 'daten'));
    const registry = onlyData.find((r) => r.key === 'registerabruf');
    assert.deepEqual(registry?.reasons, [{ questionId: 'd1-register', mean: 1, below: 3 }]);
    assert.equal(recommend(questionnaire, measures, score(questionnaire, answersAll(4)), allFields).length, 0, 'nothing to do at level 4');
  });

  it('repeats a service measure for each service without an online form', () => {
    const scores = score(questionnaire, answersAll(1));
    const services = [
      { id: 's1', title: 'Hundesteuer', maturity: 1 },
      { id: 's2', title: 'Gewerbeanmeldung', maturity: 3 },
    ];
    const online = recommend(questionnaire, measures, scores, ['ausgangslage'], services).filter((r) => r.measure.id === 'online-antrag');
    assert.deepEqual(
      online.map((r) => r.key),
      ['online-antrag:s1'],
    );
  });
});

describe('DigiCheck roadmap', () => {
  const options = { start: { year: 2027, quarter: 1 as const }, quarters: 12, yearlyBudgetCents: 15_000_000, yearlyCapacityDays: 200 };

  it('labels quarters across years', () => {
    assert.equal(quarterLabel({ year: 2027, quarter: 3 }, 0), '2027 Q3');
    assert.equal(quarterLabel({ year: 2027, quarter: 3 }, 2), '2028 Q1');
  });

  it('places each measure after its prerequisites and adds needed prerequisites', () => {
    const recs = recommend(questionnaire, measures, score(questionnaire, answersAll(0)), allFields);
    const plan = planRoadmap(measures, recs, options);
    const at = new Map(plan.items.map((i) => [i.key, i]));
    for (const item of plan.items) for (const p of item.measure.prerequisites) assert.ok((at.get(p)?.end ?? Infinity) < item.start, `${p} before ${item.key}`);
    assert.ok(plan.unplanned.length > 0, 'not everything fits into the budget');
    const onlyScan = recommend(questionnaire, measures, score(questionnaire, answersAll(4)), allFields);
    assert.equal(onlyScan.length, 0);
    const scanOnly = planRoadmap(measures, [], options, { dropped: [], added: ['scan-dienstleistung'], pinned: {} });
    assert.deepEqual(
      scanOnly.items.map((i) => [i.key, i.asPrerequisite, i.start]),
      [
        ['prozessmodellierung', true, 0],
        ['e-akte', true, 2],
        ['scan-dienstleistung', false, 6],
      ],
    );
  });

  it('never exceeds the yearly budget or capacity, for any answers and limits', () => {
    const next = random(42);
    for (let run = 0; run < 40; run++) {
      const answers = answersAll(0).map((a) => ({ ...a, level: Math.floor(next() * 5) as Level }));
      const recs = recommend(questionnaire, measures, score(questionnaire, answers), allFields);
      const limits = { ...options, yearlyBudgetCents: Math.round(next() * 30_000_000), yearlyCapacityDays: Math.round(next() * 300) };
      const plan = planRoadmap(measures, recs, limits);
      for (const y of plan.years) {
        assert.ok(y.totalCents[1] <= limits.yearlyBudgetCents + 1, `run ${run} year ${y.index}: ${y.totalCents[1]} > ${limits.yearlyBudgetCents}`);
        assert.ok(y.effortDays[1] <= limits.yearlyCapacityDays + 0.1, `run ${run} year ${y.index}: effort`);
      }
      assert.ok(plan.items.every((i) => i.end < limits.quarters));
    }
  });

  it('is deterministic, and recomputes when measures are dropped, added or pinned', () => {
    const recs = recommend(questionnaire, measures, score(questionnaire, answersAll(1)), allFields);
    const plan = planRoadmap(measures, recs, options);
    assert.deepEqual(planRoadmap(measures, [...recs].reverse(), options), plan);
    const first = plan.items[0] as { key: string };
    const dropped = planRoadmap(measures, recs, options, { dropped: [first.key], added: [], pinned: {} });
    assert.ok(!dropped.items.some((i) => i.key === first.key));
    const pinned = planRoadmap(measures, recs, options, { dropped: [], added: [], pinned: { [first.key]: 5 } });
    assert.equal(pinned.items.find((i) => i.key === first.key)?.start, 5);
    // Dropping a prerequisite leaves what needs it unplanned, with that reason.
    const withoutModel = planRoadmap(measures, [], options, { dropped: ['prozessmodellierung'], added: ['e-akte'], pinned: {} });
    assert.deepEqual(
      withoutModel.unplanned.map((u) => [u.key, u.reason]),
      [['e-akte', 'prerequisite']],
    );
  });

  it('says budget when money, not time, stands in the way', () => {
    const tiny: MeasureCatalogue = checkMeasures(
      { id: 't', version: '1', measures: [{ ...baseMeasure('teuer'), oneOffEur: [50_000, 90_000] }] },
      questionnaire,
    );
    const plan = planRoadmap(tiny, [], { ...options, yearlyBudgetCents: 1_000_000 }, { dropped: [], added: ['teuer'], pinned: {} });
    assert.deepEqual(
      plan.unplanned.map((u) => u.reason),
      ['budget'],
    );
  });
});
