// The answers as label/value rows per step, for "check your answers", the PDF receipt and the mail.
// One function, so the three never disagree about what the citizen said.
import type { FormDefinition, Item } from '../definition/schema.ts';
import { FIELD_MODULES } from '../fields/registry.ts';
import type { Value } from '../fields/types.ts';
import { evaluate } from './conditions.ts';
import { type Answers, journey } from './journey.ts';
import { isFlatGroup, isInstances, lookupIn } from './scopes.ts';

type Lang = 'de' | 'en';
const text = (t: { de: string; en?: string }, lang: Lang) => (lang === 'en' && t.en ? t.en : t.de);

export interface SummaryRow {
  label: string;
  /** undefined: not answered. */
  value: string | undefined;
  /** Nesting depth: 0 for a question, 1 inside a group instance heading. */
  depth: number;
  /** A heading row for a group instance ("Hund 2"). */
  heading?: boolean;
}

export interface SummarySection {
  stepId: string;
  title: string;
  rows: SummaryRow[];
}

export interface SummaryOptions {
  lang: Lang;
  /** Names a stored upload for file answers (its file name). */
  uploadName: (ref: string) => string;
}

function rowsOf(def: FormDefinition, items: Item[], scopes: Answers[], depth: number, o: SummaryOptions): SummaryRow[] {
  const scope = scopes[scopes.length - 1] as Answers;
  const lookup = lookupIn(scopes);
  return items.flatMap((item): SummaryRow[] => {
    if (item.kind === 'content' || (item.condition && !evaluate(item.condition, lookup))) return [];
    if (item.kind === 'field') {
      if (item.type === 'hidden') return [];
      const value = scope[item.id] as Value | undefined;
      const options = item.codeList ? (def.codeLists[item.codeList]?.options ?? []) : (item.options ?? []);
      const label = (code: string) => {
        if (item.type === 'file') return o.uploadName(code);
        const option = options.find((x) => x.code === code);
        return option ? text(option.label, o.lang) : code;
      };
      const module = FIELD_MODULES[item.type];
      const shown =
        value === undefined
          ? undefined
          : item.repeat && Array.isArray(value) && item.type !== 'file' && item.type !== 'multichoice'
            ? (value as Value[]).map((v) => module.display(v, item, o.lang, label)).join('; ')
            : module.display(value, item, o.lang, label);
      return [{ label: text(item.label, o.lang), value: shown, depth }];
    }
    if (isFlatGroup(item)) return rowsOf(def, item.items, scopes, depth, o);
    const instances = isInstances(scope[item.id]) ? (scope[item.id] as Answers[]) : [];
    return instances.flatMap((instance, i) => [
      { label: `${text(item.label, o.lang)} ${i + 1}`, value: undefined, depth, heading: true },
      ...rowsOf(def, item.items, [...scopes, instance], depth + 1, o),
    ]);
  });
}

export function summarise(def: FormDefinition, answers: Answers, o: SummaryOptions): SummarySection[] {
  const visible = new Set(journey(def, answers).map((s) => s.id));
  return def.steps.filter((s) => visible.has(s.id)).map((s) => ({ stepId: s.id, title: text(s.title, o.lang), rows: rowsOf(def, s.items, [answers], 0, o) }));
}
