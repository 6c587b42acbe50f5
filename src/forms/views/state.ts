// What the form views need to render a step: definition, saved answers, what was typed, the problems.
import type { ViewContext } from '../../platform/views/context.ts';
import type { Field, FormDefinition } from '../definition/schema.ts';
import type { RawValues } from '../engine/input.ts';
import { FIELD_MODULES } from '../fields/registry.ts';
import type { RawInput, Value } from '../fields/types.ts';

export interface UploadInfo {
  filename: string;
  sizeBytes: number;
}

export interface RenderState {
  ctx: ViewContext;
  def: FormDefinition;
  /** Typed input by path, when a step is shown again with errors. */
  raw?: RawValues;
  /** Translated problem by path. */
  errors: Map<string, string>;
  uploads: Map<string, UploadInfo>;
  /** The fields on this page by id: conditions on them are evaluated live in the browser too. */
  pageFields: Map<string, Field>;
  /** Ids of fields whose value came from the citizen's eID identity. */
  prefilled?: ReadonlySet<string>;
}

/** What goes into the control: what was typed, else the saved answer in input form, else the default. */
export function inputValue(state: RenderState, field: Field, path: string, value: Value | undefined): RawInput {
  if (state.raw && path in state.raw) return state.raw[path];
  if (value !== undefined) return FIELD_MODULES[field.type].toInput(value, state.ctx.lang);
  return field.defaultValue;
}

export function optionsOf(def: FormDefinition, field: Field): { code: string; label: { de: string; en?: string } }[] {
  return field.codeList ? (def.codeLists[field.codeList]?.options ?? []) : (field.options ?? []);
}

export const asText = (raw: RawInput): string => (Array.isArray(raw) ? (raw[0] ?? '') : (raw ?? ''));
export const asList = (raw: RawInput): string[] => (Array.isArray(raw) ? raw : raw ? [raw] : []);
