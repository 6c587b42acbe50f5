// Notice texts with placeholders ({{aktenzeichen}}, {{antragsteller.name}}, {{antwort.<Feld-ID>}} …),
// filled from the case. An unknown placeholder is an error the case worker sees before issuing;
// nothing is silently left empty.

export interface TemplateValues {
  [name: string]: string;
}

const PLACEHOLDER = /\{\{\s*([\w.-]+)\s*\}\}/g;

/** Placeholders every case fills; `antwort.<Feld-ID>` stands for an answer of the application. */
export const CASE_PLACEHOLDERS = ['aktenzeichen', 'leistung', 'eingangsdatum', 'datum', 'antragsteller.name', 'behoerde', 'gebuehr'] as const;

/** Placeholders in a template text that no case could fill. */
export const unknownPlaceholders = (text: string): string[] => [
  ...new Set(
    [...text.matchAll(PLACEHOLDER)]
      .map((m) => m[1] as string)
      .filter((name) => !(CASE_PLACEHOLDERS as readonly string[]).includes(name) && !/^antwort\.[\w.-]+$/.test(name)),
  ),
];

/** Cents as a fee is typed: "25", "12,50". */
export const formatFee = (cents: number): string => (cents / 100).toFixed(2).replace('.', ',').replace(/,00$/, '');

/** A fee as typed ("25", "12,50") in cents, or undefined when it is not an amount. */
export function parseFee(text: string): number | undefined {
  const value = text.trim();
  return /^\d{1,6}([,.]\d{1,2})?$/.test(value) ? Math.round(Number(value.replace(',', '.')) * 100) : undefined;
}

export function fillTemplate(text: string, values: TemplateValues): { text: string; unknown: string[] } {
  const unknown: string[] = [];
  const filled = text.replace(PLACEHOLDER, (match, name: string) => {
    const value = values[name];
    if (value === undefined) {
      unknown.push(name);
      return match;
    }
    return value;
  });
  return { text: filled, unknown: [...new Set(unknown)] };
}

export const DEFAULT_NOTICE_BODY = `Sehr geehrte Damen und Herren,

auf Ihren Antrag „{{leistung}}“ vom {{eingangsdatum}} (Aktenzeichen {{aktenzeichen}}) ergeht folgende Entscheidung:

Ihrem Antrag wird entsprochen.

Begründung:
`;

export const DEFAULT_LEGAL_REMEDY = `Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Widerspruch erhoben werden. Der Widerspruch ist schriftlich, zur Niederschrift oder elektronisch bei {{behoerde}} einzulegen.`;
