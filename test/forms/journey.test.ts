// Conditions and the journey through a form, as data: the Hundesteuer form with a dangerous-dog
// branch and a repeating "weiterer Hund" group.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FormDefinition } from '../../src/forms/definition/schema.ts';
import { validateDefinition } from '../../src/forms/definition/validate.ts';
import { evaluate } from '../../src/forms/engine/conditions.ts';
import { type Answers, firstIncompleteStep, journey, mayVisit, nextStep, previousStep, stepErrors } from '../../src/forms/engine/journey.ts';

const form: FormDefinition = {
  schemaVersion: 1,
  id: 'hundesteuer',
  title: { de: 'Hundesteuer – Hund anmelden' },
  codeLists: {},
  todos: [],
  steps: [
    {
      id: 'halter',
      title: { de: 'Halterin oder Halter' },
      items: [
        { kind: 'field', id: 'name', label: { de: 'Name' }, type: 'text', required: true, validation: { maxLength: 100 } },
        { kind: 'field', id: 'iban', label: { de: 'IBAN für die Abbuchung' }, type: 'iban', required: false },
      ],
    },
    {
      id: 'hund',
      title: { de: 'Ihr Hund' },
      items: [
        { kind: 'field', id: 'rasse', label: { de: 'Rasse' }, type: 'text', required: true },
        { kind: 'field', id: 'gefaehrlich', label: { de: 'Gilt der Hund als gefährlich?' }, type: 'yesno', required: true },
        {
          kind: 'group',
          id: 'weitere',
          label: { de: 'Weiterer Hund' },
          repeat: { min: 0, max: 3 },
          items: [
            { kind: 'field', id: 'weitereRasse', label: { de: 'Rasse' }, type: 'text', required: true },
            { kind: 'field', id: 'weitereGeburt', label: { de: 'Geburtsdatum' }, type: 'date', required: false },
          ],
        },
      ],
    },
    {
      id: 'sachkunde',
      title: { de: 'Sachkunde' },
      condition: { field: 'gefaehrlich', op: 'equals', value: true },
      items: [{ kind: 'field', id: 'nachweis', label: { de: 'Sachkundenachweis' }, type: 'file', required: true }],
    },
    {
      id: 'ermaessigung',
      title: { de: 'Ermäßigung' },
      items: [
        {
          kind: 'field',
          id: 'grund',
          label: { de: 'Grund' },
          type: 'choice',
          required: false,
          options: [{ code: 'tierheim', label: { de: 'Aus dem Tierheim' } }],
        },
        {
          kind: 'field',
          id: 'tierheimVertrag',
          label: { de: 'Vertrag mit dem Tierheim' },
          type: 'file',
          required: false,
          requiredIf: { field: 'grund', op: 'equals', value: 'tierheim' },
        },
      ],
    },
  ],
};

describe('conditions', () => {
  const lookup = (answers: Record<string, unknown>) => (id: string) => answers[id] as never;
  it('combine with all, any and not', () => {
    const c = { all: [{ field: 'a', op: 'equals' as const, value: 'x' }, { not: { field: 'b', op: 'answered' as const } }] };
    assert.equal(evaluate(c, lookup({ a: 'x' })), true);
    assert.equal(evaluate(c, lookup({ a: 'x', b: 'y' })), false);
    assert.equal(evaluate({ any: [{ field: 'a', op: 'in', value: ['p', 'q'] }] }, lookup({ a: 'q' })), true);
    assert.equal(evaluate({ field: 'm', op: 'equals', value: 'k' }, lookup({ m: ['k', 'l'] })), true);
    assert.equal(evaluate({ field: 'm', op: 'notAnswered' }, lookup({ m: [] })), true);
  });
});

describe('journey', () => {
  it('the example form is a valid definition', () => assert.deepEqual(validateDefinition(form), []));

  it('starts at the first step and cannot skip ahead', () => {
    assert.equal(firstIncompleteStep(form, {}), 'halter');
    assert.equal(mayVisit(form, {}, 'halter'), true);
    assert.equal(mayVisit(form, {}, 'hund'), false);
    assert.equal(mayVisit(form, {}, 'unbekannt'), false);
  });

  it('shows the Sachkunde step only for dangerous dogs', () => {
    const calm: Answers = { name: 'Erika', rasse: 'Dackel', gefaehrlich: false };
    assert.deepEqual(
      journey(form, calm).map((s) => s.id),
      ['halter', 'hund', 'ermaessigung'],
    );
    assert.equal(nextStep(form, calm, 'hund'), 'ermaessigung');
    const dangerous: Answers = { ...calm, gefaehrlich: true };
    assert.equal(nextStep(form, dangerous, 'hund'), 'sachkunde');
    assert.equal(previousStep(form, dangerous, 'sachkunde'), 'hund');
    assert.equal(firstIncompleteStep(form, dangerous), 'sachkunde');
    assert.equal(firstIncompleteStep(form, calm), undefined, 'ready for check your answers');
  });

  it('reports required, invalid and conditionally required answers by path', () => {
    assert.deepEqual(stepErrors(form, form.steps[0] as never, { iban: 'DE00' }), [{ path: 'name', key: 'form.error.required' }]);
    const reduction = form.steps[3] as never;
    assert.deepEqual(stepErrors(form, reduction, {}), []);
    assert.deepEqual(stepErrors(form, reduction, { grund: 'tierheim' }), [{ path: 'tierheimVertrag', key: 'form.error.required' }]);
    assert.deepEqual(stepErrors(form, reduction, { grund: 'zirkus' }), [{ path: 'grund', key: 'form.error.choice' }]);
  });

  it('checks each "weiterer Hund" and the number of entries', () => {
    const step = form.steps[1] as never;
    const base: Answers = { rasse: 'Dackel', gefaehrlich: false };
    assert.deepEqual(stepErrors(form, step, { ...base, weitere: [{ weitereRasse: 'Pudel' }, {}] }), [
      { path: 'weitere.1.weitereRasse', key: 'form.error.required' },
    ]);
    const tooMany = { ...base, weitere: [1, 2, 3, 4].map(() => ({ weitereRasse: 'Mops' })) };
    assert.deepEqual(stepErrors(form, step, tooMany), [{ path: 'weitere', key: 'form.error.tooManyEntries', params: { max: 3 } }]);
  });

  it('counts the values of a repeated field', () => {
    const step = {
      id: 'kontakt',
      title: { de: 'Kontakt' },
      items: [{ kind: 'field', id: 'telefon', label: { de: 'Telefon' }, type: 'phone', required: false, repeat: { min: 2, max: 3 } }],
    } as never;
    assert.deepEqual(stepErrors(form, step, {}), []);
    assert.deepEqual(stepErrors(form, step, { telefon: ['0251 1'] }), [{ path: 'telefon', key: 'form.error.tooFewEntries', params: { min: 2 } }]);
    assert.deepEqual(stepErrors(form, step, { telefon: ['0251 1', '0251 2'] }), []);
    assert.deepEqual(stepErrors(form, step, { telefon: ['1', '2', '3', '4'].map((n) => `0251 ${n}`) }), [
      { path: 'telefon', key: 'form.error.tooManyEntries', params: { max: 3 } },
    ]);
  });
});
