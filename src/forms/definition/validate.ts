// Checks a form definition against its JSON Schema and the rules a schema cannot express:
// unique ids, conditions that point at existing fields, code lists that exist.
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { type Condition, Condition as ConditionSchema, FormDefinition, Group as GroupSchema, type Item } from './schema.ts';

const compiled = TypeCompiler.Compile(FormDefinition, [ConditionSchema, GroupSchema]);

export interface DefinitionProblem {
  path: string;
  message: string;
}

function* items(list: Item[], path: string): Generator<[Item, string]> {
  for (const [i, item] of list.entries()) {
    const here = `${path}/items/${i}`;
    yield [item, here];
    if (item.kind === 'group') yield* items(item.items, here);
  }
}

function* referencedFields(condition: Condition): Generator<string> {
  if ('field' in condition) yield condition.field;
  else if ('all' in condition) for (const c of condition.all) yield* referencedFields(c);
  else if ('any' in condition) for (const c of condition.any) yield* referencedFields(c);
  else yield* referencedFields(condition.not);
}

export function validateDefinition(value: unknown): DefinitionProblem[] {
  if (!compiled.Check(value)) {
    return [...compiled.Errors(value)].slice(0, 50).map((e) => ({ path: e.path || '/', message: e.message }));
  }
  const def = value as FormDefinition;
  const problems: DefinitionProblem[] = [];
  const ids = new Map<string, string>();
  const fields = new Set<string>();
  const all = def.steps.flatMap((step, s) => [...items(step.items, `/steps/${s}`)]);
  for (const [item, path] of all) {
    if (ids.has(item.id)) problems.push({ path: `${path}/id`, message: `duplicate id "${item.id}" (also at ${ids.get(item.id)})` });
    ids.set(item.id, path);
    if (item.kind === 'field') fields.add(item.id);
  }
  const check = (condition: Condition | undefined, path: string) => {
    if (!condition) return;
    for (const ref of referencedFields(condition)) {
      if (!fields.has(ref)) problems.push({ path, message: `condition refers to unknown field "${ref}"` });
    }
  };
  for (const [s, step] of def.steps.entries()) check(step.condition, `/steps/${s}/condition`);
  for (const [item, path] of all) {
    check(item.condition, `${path}/condition`);
    if (item.kind === 'field') {
      check(item.requiredIf, `${path}/requiredIf`);
      if (item.codeList && !def.codeLists[item.codeList]) problems.push({ path: `${path}/codeList`, message: `unknown code list "${item.codeList}"` });
      if (item.validation?.pattern) {
        try {
          new RegExp(item.validation.pattern, 'u');
        } catch {
          problems.push({ path: `${path}/validation/pattern`, message: 'not a valid regular expression' });
        }
      }
    }
  }
  return problems;
}
