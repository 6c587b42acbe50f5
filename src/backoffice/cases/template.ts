// Notice texts with placeholders ({{aktenzeichen}}, {{antragsteller.name}}, {{antwort.<Feld-ID>}} …),
// filled from the case. An unknown placeholder is an error the case worker sees before issuing;
// nothing is silently left empty.

export interface TemplateValues {
  [name: string]: string;
}

const PLACEHOLDER = /\{\{\s*([\w.-]+)\s*\}\}/g;

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
