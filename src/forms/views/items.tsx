// The items of a step: questions, texts and groups; repeating groups with "add another" and remove
// buttons that work without JavaScript (they submit the step and come back to it).

import { ErrorMessage } from '../../platform/views/error-summary.tsx';
import type { Group, Item } from '../definition/schema.ts';
import { evaluate } from '../engine/conditions.ts';
import type { Answers } from '../engine/journey.ts';
import { controlId } from '../engine/paths.ts';
import { isFlatGroup, isInstances, lookupIn } from '../engine/scopes.ts';
import type { Value } from '../fields/types.ts';
import { Conditional, liveCondition } from './conditional.tsx';
import { FieldView } from './field.tsx';
import type { RenderState } from './state.ts';
import { Paragraphs, plainText, Txt } from './text.tsx';

export interface ItemsProps {
  state: RenderState;
  items: Item[];
  scopes: Answers[];
  prefix: string;
}

function RepeatingGroup({ state, group, scopes, path }: { state: RenderState; group: Group; scopes: Answers[]; path: string }) {
  const { ctx } = state;
  const scope = scopes[scopes.length - 1] as Answers;
  const existing = isInstances(scope[group.id]) ? (scope[group.id] as Answers[]) : [];
  // A group that needs at least n entries shows n from the start.
  const instances = [...existing, ...Array.from({ length: Math.max(0, group.repeat.min - existing.length) }, () => ({}))];
  const label = plainText(group.label, ctx.lang);
  const canAdd = group.repeat.max === null || instances.length < group.repeat.max;
  const canRemove = instances.length > group.repeat.min;
  return (
    <section class="repeat-group" id={controlId(path)} aria-labelledby={`${controlId(path)}-title`} tabIndex={-1}>
      <h2 class="kern-heading-small" id={`${controlId(path)}-title`}>
        <Txt text={group.label} ctx={ctx} />
      </h2>
      {group.hint ? <Paragraphs text={group.hint} ctx={ctx} /> : null}
      <ErrorMessage id={`${controlId(path)}-error`} ctx={ctx} message={state.errors.get(path)} />
      {instances.map((instance, i) => {
        const instancePath = `${path}.${i}`;
        return (
          <fieldset class="kern-fieldset repeat-instance" key={instancePath} id={controlId(instancePath)}>
            <legend class="kern-label repeat-instance__title">{ctx.t('form.repeat.instance', { label, n: i + 1 })}</legend>
            <Items state={state} items={group.items} scopes={[...scopes, instance]} prefix={`${instancePath}.`} />
            {canRemove ? (
              <button type="submit" class="kern-btn kern-btn--secondary kern-btn--x-small" name="_action" value={`remove:${instancePath}`} formNoValidate>
                <span class="kern-label">{ctx.t('form.repeat.remove', { label, n: i + 1 })}</span>
              </button>
            ) : null}
          </fieldset>
        );
      })}
      {canAdd ? (
        <button type="submit" class="kern-btn kern-btn--secondary" name="_action" value={`add:${path}`} formNoValidate>
          <span class="kern-label">{instances.length === 0 ? ctx.t('form.repeat.addFirst', { label }) : ctx.t('form.repeat.add', { label })}</span>
        </button>
      ) : null}
    </section>
  );
}

export function Items({ state, items, scopes, prefix }: ItemsProps) {
  const lookup = lookupIn(scopes);
  return (
    <>
      {items.map((item) => {
        const path = `${prefix}${item.id}`;
        if (!item.condition) return <ItemView key={path} state={state} item={item} scopes={scopes} prefix={prefix} />;
        const live = liveCondition(state, item.condition, lookup);
        if (!live) return evaluate(item.condition, lookup) ? <ItemView key={path} state={state} item={item} scopes={scopes} prefix={prefix} /> : null;
        return (
          <Conditional key={path} state={state} condition={item.condition} live={live} scope={prefix}>
            <ItemView state={state} item={item} scopes={scopes} prefix={prefix} />
          </Conditional>
        );
      })}
    </>
  );
}

function ItemView({ state, item, scopes, prefix }: { state: RenderState; item: Item; scopes: Answers[]; prefix: string }) {
  const scope = scopes[scopes.length - 1] as Answers;
  const path = `${prefix}${item.id}`;
  if (item.kind === 'content') return <Paragraphs text={item.text} ctx={state.ctx} />;
  if (item.kind === 'field') return <FieldView state={state} field={item} path={path} value={scope[item.id] as Value | undefined} />;
  if (!isFlatGroup(item)) return <RepeatingGroup state={state} group={item} scopes={scopes} path={path} />;
  return (
    <fieldset class="kern-fieldset">
      <legend class="kern-label kern-label--large">
        <Txt text={item.label} ctx={state.ctx} />
      </legend>
      {item.hint ? (
        <div class="kern-hint">
          <Txt text={item.hint} ctx={state.ctx} />
        </div>
      ) : null}
      <Items state={state} items={item.items} scopes={scopes} prefix={prefix} />
    </fieldset>
  );
}
