// Demo: resident parking permit – native definition with the vehicle registration as an upload and a
// further proof only when the car is not the applicant's own.
import { FORM_SCHEMA_VERSION, type FormDefinition } from '../definition/schema.ts';
import { field, personItems } from './people.ts';

const UPLOAD = { maxFileBytes: 5 * 1024 * 1024, fileTypes: ['application/pdf', 'image/jpeg', 'image/png'] };

export const bewohnerparkausweis: FormDefinition = {
  schemaVersion: FORM_SCHEMA_VERSION,
  id: 'bewohnerparkausweis',
  title: { de: 'Bewohnerparkausweis beantragen', en: 'Apply for a resident parking permit' },
  codeLists: {},
  todos: [],
  steps: [
    {
      id: 'antragsteller',
      title: { de: 'Ihre Angaben', en: 'About you' },
      description: {
        de: 'Den Ausweis bekommt, wer in der Parkzone mit Hauptwohnsitz gemeldet ist.',
        en: 'The permit is for people whose main residence is in the zone.',
      },
      items: personItems(''),
    },
    {
      id: 'fahrzeug',
      title: { de: 'Ihr Fahrzeug', en: 'Your vehicle' },
      items: [
        field('kennzeichen', 'Amtliches Kennzeichen', 'Registration number', {
          hint: { de: 'Zum Beispiel MS-AB 123 oder MS-E 45E.', en: 'For example MS-AB 123 or MS-E 45E.' },
          validation: { pattern: '[A-ZÄÖÜ]{1,3}-[A-Z]{1,2} ?[1-9][0-9]{0,3}[EH]?', maxLength: 12 },
        }),
        field('zone', 'Bewohnerparkzone', 'Resident parking zone', {
          type: 'choice',
          options: ['A Altstadt', 'B Bahnhofsviertel', 'C Schlossberg', 'D Hafen', 'E Nordstadt'].map((z) => ({
            code: z[0] as string,
            label: { de: `Zone ${z}` },
          })),
        }),
        field('halter', 'Auf wen ist das Fahrzeug zugelassen?', 'Who is the vehicle registered to?', {
          type: 'choice',
          options: [
            { code: 'selbst', label: { de: 'Auf mich', en: 'To me' } },
            { code: 'firma', label: { de: 'Auf meinen Arbeitgeber (Firmenwagen)', en: 'To my employer (company car)' } },
            { code: 'leasing', label: { de: 'Auf eine Leasing- oder Mietfirma', en: 'To a leasing or rental company' } },
            { code: 'andere', label: { de: 'Auf eine andere Person', en: 'To another person' } },
          ],
        }),
        field('gueltig_ab', 'Ab wann brauchen Sie den Ausweis?', 'From when do you need the permit?', { type: 'date', validation: { min: '2026-01-01' } }),
      ],
    },
    {
      id: 'nachweise',
      title: { de: 'Nachweise', en: 'Proofs' },
      items: [
        field('fahrzeugschein', 'Zulassungsbescheinigung Teil I (Fahrzeugschein)', 'Vehicle registration certificate part I', {
          type: 'file',
          hint: { de: 'Ein Foto oder Scan der Vorderseite genügt.', en: 'A photo or scan of the front is enough.' },
          validation: UPLOAD,
        }),
        field('nutzungsnachweis', 'Nachweis, dass Sie das Fahrzeug dauerhaft nutzen', 'Proof that you use the vehicle permanently', {
          type: 'file',
          condition: { field: 'halter', op: 'notEquals', value: 'selbst' },
          hint: {
            de: 'Zum Beispiel Bescheinigung des Arbeitgebers oder Leasingvertrag.',
            en: 'For example an employer’s certificate or the leasing contract.',
          },
          validation: UPLOAD,
        }),
      ],
    },
    {
      id: 'laufzeit',
      title: { de: 'Laufzeit und Gebühr', en: 'Duration and fee' },
      items: [
        field('laufzeit', 'Für wie lange beantragen Sie den Ausweis?', 'For how long are you applying?', {
          type: 'choice',
          options: [
            { code: '12', label: { de: '1 Jahr – 30,90 €', en: '1 year – €30.90' } },
            { code: '24', label: { de: '2 Jahre – 61,80 €', en: '2 years – €61.80' } },
          ],
        }),
        {
          kind: 'content',
          id: 'gebuehr',
          text: { de: 'Die Gebühr zahlen Sie nach dem Bescheid per Überweisung.', en: 'You pay the fee by bank transfer after the decision.' },
        },
      ],
    },
  ],
};
