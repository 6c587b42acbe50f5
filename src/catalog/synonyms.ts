// Words citizens use for a service that differ from the official name. Service-specific
// keywords live with each Leistung; these are the common ones that hold across the catalogue.
const GROUPS: string[][] = [
  ['umzug', 'ummelden', 'ummeldung', 'wohnsitz', 'wohnsitzanmeldung', 'meldebescheinigung'],
  ['ausweis', 'personalausweis', 'perso', 'identitaetsnachweis'],
  ['pass', 'reisepass'],
  ['auto', 'kfz', 'fahrzeug', 'pkw', 'kraftfahrzeug'],
  ['fuehrerschein', 'führerschein', 'fahrerlaubnis'],
  ['heirat', 'hochzeit', 'eheschliessung', 'eheschließung', 'trauung'],
  ['baby', 'geburt', 'geburtsurkunde'],
  ['firma', 'gewerbe', 'betrieb', 'unternehmen'],
  ['parken', 'parkausweis', 'anwohnerparken', 'bewohnerparkausweis'],
  ['muell', 'müll', 'abfall', 'sperrmuell', 'sperrmüll'],
  ['kita', 'kindertagesstaette', 'kindertagesstätte', 'kinderbetreuung'],
  ['bauantrag', 'baugenehmigung'],
  ['tod', 'sterbefall', 'sterbeurkunde'],
  ['wohngeld', 'mietzuschuss'],
  ['fuehrungszeugnis', 'führungszeugnis'],
];

const index = new Map<string, string[]>();
for (const group of GROUPS) {
  for (const word of group)
    index.set(
      word,
      group.filter((w) => w !== word),
    );
}

export function expandSynonyms(token: string): string[] {
  return index.get(token.toLowerCase()) ?? [];
}
