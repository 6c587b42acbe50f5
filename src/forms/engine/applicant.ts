// Who applied, in words, for the case worker's inbox and search: the first given and family name
// found in the answers – fields marked for prefill or autofill, or named Vorname/Familienname as FIM
// calls them – including inside the first instance of a repeating group.
import type { Field, FormDefinition, Item } from '../definition/schema.ts';
import type { Answers } from './journey.ts';

type Part = 'given' | 'family';

function partOf(field: Field): Part | undefined {
  const label = field.label.de.trim().toLowerCase();
  if (field.prefill === 'givenName' || field.autocomplete === 'given-name' || label === 'vorname') return 'given';
  if (field.prefill === 'familyName' || field.autocomplete === 'family-name' || label === 'familienname' || label === 'nachname') return 'family';
  return undefined;
}

function find(items: Item[], answers: Answers, found: Partial<Record<Part, string>>): void {
  for (const item of items) {
    if (found.given && found.family) return;
    if (item.kind === 'field') {
      const part = partOf(item);
      const value = answers[item.id];
      if (part && !found[part] && typeof value === 'string' && value.trim()) found[part] = value.trim();
    } else if (item.kind === 'group') {
      const nested = answers[item.id];
      // A flat group keeps its answers in the same scope; a repeating one in instances.
      const scope = Array.isArray(nested) ? (nested[0] as Answers | undefined) : answers;
      if (scope && typeof scope === 'object') find(item.items, scope, found);
    }
  }
}

export function applicantName(def: FormDefinition, answers: Answers): string {
  const found: Partial<Record<Part, string>> = {};
  for (const step of def.steps) find(step.items, answers, found);
  return [found.given, found.family].filter(Boolean).join(' ');
}
