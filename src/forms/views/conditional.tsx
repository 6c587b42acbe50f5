// Items whose condition depends on an answer on the same page. Without JavaScript they are always
// shown, with a hint saying when they apply (the server ignores them when they do not); with
// JavaScript, public/forms.js evaluates the same condition as the server and hides them live.
import type { ComponentChildren } from 'preact';
import type { Condition, Field, Item } from '../definition/schema.ts';
import { conditionFields, type Lookup } from '../engine/conditions.ts';
import { fieldsById } from '../engine/paths.ts';
import { FIELD_MODULES } from '../fields/registry.ts';
import type { RenderState } from './state.ts';
import { optionsOf } from './state.ts';
import { plainText } from './text.tsx';

/** What the browser needs to evaluate a condition: the fields on the page, the answers from elsewhere. */
export interface LiveCondition {
  fields: Record<string, Pick<Field, 'id' | 'type' | 'validation'>>;
  known: Record<string, unknown>;
}

/** Whether a page has items that depend on answers on the same page (then it needs forms.js). */
export function hasLiveConditions(items: Item[]): boolean {
  const onPage = fieldsById(items);
  const live = (list: Item[]): boolean =>
    list.some((item) => (item.condition && conditionFields(item.condition).some((id) => onPage.has(id))) || (item.kind === 'group' && live(item.items)));
  return live(items);
}

/** Undefined when the condition looks only at earlier answers: then the server alone decides. */
export function liveCondition(state: RenderState, condition: Condition, lookup: Lookup): LiveCondition | undefined {
  const ids = [...new Set(conditionFields(condition))];
  const onPage = ids.filter((id) => state.pageFields.has(id));
  if (onPage.length === 0) return undefined;
  const fields = Object.fromEntries(
    onPage.map((id) => {
      const f = state.pageFields.get(id) as Field;
      return [id, { id, type: f.type, validation: f.validation }];
    }),
  );
  return { fields, known: Object.fromEntries(ids.filter((id) => !state.pageFields.has(id)).map((id) => [id, lookup(id)])) };
}

/** "Only if you answered 'Yes' to '…'" for a single comparison; a general hint otherwise. */
function describe(state: RenderState, condition: Condition): string {
  const { ctx } = state;
  if ('field' in condition && (condition.op === 'equals' || condition.op === 'in')) {
    const field = state.pageFields.get(condition.field);
    if (field) {
      const expected = Array.isArray(condition.value) ? condition.value : [condition.value];
      const options = optionsOf(state.def, field);
      const answers = expected.map((v) =>
        typeof v === 'boolean'
          ? FIELD_MODULES.yesno.display(v, field, ctx.lang, String)
          : plainText(options.find((o) => o.code === String(v))?.label ?? { de: String(v) }, ctx.lang),
      );
      return ctx.t('form.conditional.when', {
        question: plainText(field.label, ctx.lang),
        answers: answers.map((answer) => ctx.t('form.conditional.answer', { answer })).join(ctx.t('form.conditional.or')),
      });
    }
  }
  return ctx.t('form.conditional.general');
}

export function Conditional(props: { state: RenderState; condition: Condition; live: LiveCondition; scope: string; children: ComponentChildren }) {
  const { state, condition, live, scope, children } = props;
  return (
    <div
      class="form-conditional"
      data-condition={JSON.stringify(condition)}
      data-fields={JSON.stringify(live.fields)}
      data-known={JSON.stringify(live.known)}
      data-scope={scope}
    >
      <p class="kern-hint form-conditional__hint">{describe(state, condition)}</p>
      {children}
    </div>
  );
}
