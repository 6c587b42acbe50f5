// Demo: registering a dog for dog tax – native definition with a repeating "another dog" group and
// steps that apply only for some answers (reductions need a proof; direct debit needs an IBAN).
import { FORM_SCHEMA_VERSION, type FormDefinition } from '../definition/schema.ts';
import { field, personItems } from './people.ts';

export const hundesteuer: FormDefinition = {
  schemaVersion: FORM_SCHEMA_VERSION,
  id: 'hundesteuer',
  title: { de: 'Hund zur Hundesteuer anmelden', en: 'Register a dog for dog tax' },
  codeLists: {},
  todos: [],
  steps: [
    {
      id: 'halter',
      title: { de: 'Angaben zur Hundehalterin oder zum Hundehalter', en: 'About the dog owner' },
      items: [
        ...personItems(''),
        field('geburtsdatum', 'Geburtsdatum', 'Date of birth', { type: 'date', validation: { min: '1900-01-01' }, prefill: 'birthDate', prefillLocked: true }),
      ],
    },
    {
      id: 'hunde',
      title: { de: 'Ihre Hunde', en: 'Your dogs' },
      description: {
        de: 'Geben Sie jeden Hund an, den Sie in Musterstadt halten. Für einen weiteren Hund wählen Sie „Weitere Angabe hinzufügen“.',
        en: 'Give every dog you keep in Musterstadt. For another dog choose “Add another”.',
      },
      items: [
        {
          kind: 'group',
          id: 'hund',
          label: { de: 'Hund', en: 'Dog' },
          repeat: { min: 1, max: 10 },
          items: [
            field('name', 'Name des Hundes', 'Name of the dog'),
            field('rasse', 'Rasse', 'Breed', {
              hint: { de: 'Bei Mischlingen: „Mischling“ und, wenn bekannt, die Rassen.', en: 'For mixed breeds: “mixed” and the breeds if known.' },
            }),
            field('wurfdatum', 'Geburtsdatum des Hundes', 'Date of birth of the dog', { type: 'date', required: false }),
            field('haltung_seit', 'Seit wann halten Sie den Hund?', 'Since when have you kept the dog?', { type: 'date', validation: { min: '2000-01-01' } }),
            field('listenhund', 'Gilt der Hund als gefährlicher Hund (Listenhund)?', 'Is the dog classed as dangerous (listed breed)?', {
              type: 'yesno',
              hint: { de: 'Für gefährliche Hunde gilt ein höherer Steuersatz.', en: 'A higher tax rate applies to dangerous dogs.' },
            }),
            field('wesenstest', 'Hat der Hund einen Wesenstest bestanden?', 'Has the dog passed a temperament test?', {
              type: 'yesno',
              condition: { field: 'listenhund', op: 'equals', value: true },
              hint: {
                de: 'Mit bestandenem Wesenstest kann der erhöhte Steuersatz entfallen.',
                en: 'With a passed temperament test the higher rate may not apply.',
              },
            }),
          ],
        },
      ],
    },
    {
      id: 'ermaessigung',
      title: { de: 'Steuerbefreiung oder Ermäßigung', en: 'Exemption or reduction' },
      items: [
        field('grund', 'Beantragen Sie eine Befreiung oder Ermäßigung?', 'Are you applying for an exemption or reduction?', {
          type: 'choice',
          options: [
            { code: 'keine', label: { de: 'Nein', en: 'No' } },
            { code: 'assistenzhund', label: { de: 'Ja, Blindenführ- oder Assistenzhund (Befreiung)', en: 'Yes, guide or assistance dog (exemption)' } },
            { code: 'tierheim', label: { de: 'Ja, Hund aus einem Tierheim (ein Jahr befreit)', en: 'Yes, dog from an animal shelter (one year exempt)' } },
            {
              code: 'sozialleistung',
              label: { de: 'Ja, ich erhalte Sozialleistungen (Ermäßigung um die Hälfte)', en: 'Yes, I receive social benefits (half rate)' },
            },
          ],
        }),
      ],
    },
    {
      id: 'nachweis',
      title: { de: 'Nachweis für die Befreiung oder Ermäßigung', en: 'Proof for the exemption or reduction' },
      condition: { field: 'grund', op: 'in', value: ['assistenzhund', 'tierheim', 'sozialleistung'] },
      items: [
        field('nachweis', 'Nachweis', 'Proof', {
          type: 'file',
          repeat: { min: 1, max: 5 },
          hint: {
            de: 'Zum Beispiel Schwerbehindertenausweis, Vertrag mit dem Tierheim oder Leistungsbescheid.',
            en: 'For example a disability card, the shelter contract or the benefits notice.',
          },
          validation: { maxFileBytes: 5 * 1024 * 1024, fileTypes: ['application/pdf', 'image/jpeg', 'image/png'] },
        }),
        field('bemerkung', 'Bemerkung', 'Remarks', { type: 'textarea', required: false, validation: { maxLength: 1000 } }),
      ],
    },
    {
      id: 'zahlung',
      title: { de: 'Zahlungsweise', en: 'Payment' },
      items: [
        { kind: 'content', id: 'info', text: { de: 'Die Hundesteuer wird vierteljährlich fällig.', en: 'Dog tax is due every quarter.' } },
        field('lastschrift', 'Soll die Stadt die Hundesteuer per Lastschrift einziehen?', 'Should the town collect the dog tax by direct debit?', {
          type: 'yesno',
        }),
      ],
    },
    {
      id: 'sepa',
      title: { de: 'SEPA-Lastschriftmandat', en: 'SEPA direct debit mandate' },
      condition: { field: 'lastschrift', op: 'equals', value: true },
      items: [
        field('kontoinhaber', 'Kontoinhaberin oder Kontoinhaber', 'Account holder'),
        field('iban', 'IBAN', 'IBAN', { type: 'iban' }),
        field(
          'mandat',
          'Ich ermächtige die Stadt Musterstadt, die Hundesteuer von diesem Konto einzuziehen.',
          'I authorise the town of Musterstadt to collect the dog tax from this account.',
          {
            type: 'multichoice',
            options: [{ code: 'ja', label: { de: 'Ja, ich erteile das Mandat.', en: 'Yes, I give the mandate.' } }],
          },
        ),
      ],
    },
  ],
};
