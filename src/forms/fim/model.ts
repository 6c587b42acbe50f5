// What an XDatenfelder (FIM) document says, version-neutral: the input of the form-definition mapping.

export type FimVersion = '2.0' | '3.0.0';

export interface Cardinality {
  min: number;
  /** null = unbounded (`*`). */
  max: number | null;
}

export interface FimRule {
  id: string;
  version: string;
  name: string;
  description: string;
  /** Script or free-text definition; shown to editors as a to-do, never executed. */
  definition: string;
}

export interface FimCodeListReference {
  /** genericode canonical identification (URN). */
  canonicalIdentification: string;
  version: string;
  canonicalVersionUri: string;
}

export interface FimConstraints {
  minLength?: number;
  maxLength?: number;
  minValue?: string;
  maxValue?: string;
  pattern?: string;
  /** Text of a `praezisierung` that is neither JSON (2.0) nor attributes (3.0): kept for the editor. */
  note?: string;
}

interface FimElementBase {
  id: string;
  version: string;
  name: string;
  /** `bezeichnungEingabe`: the label citizens see. */
  label: string;
  /** `hilfetextEingabe`. */
  hint: string;
  description: string;
  cardinality: Cardinality;
  rules: FimRule[];
}

export interface FimField extends FimElementBase {
  kind: 'field';
  /** `feldart`: input, select, label, hidden, locked. */
  fieldType: string;
  /** `datentyp`: text, string_latin, date, time, datetime, bool, num, num_int, num_currency, file, obj. */
  dataType: string;
  constraints: FimConstraints;
  codeList?: FimCodeListReference;
  /** Inline values (3.0 `werte`). */
  values: { code: string; name: string; hint: string }[];
  /** `inhalt`: static text or default value. */
  content: string;
  /** 3.0 `vorbefuellung`: whether the authority may (`optional`) or must (`verpflichtend`) prefill; `keine` otherwise. */
  prefill: string;
}

export interface FimGroup extends FimElementBase {
  kind: 'group';
  children: (FimGroup | FimField)[];
}

/** A Stammdatenschema, or a single Datenfeldgruppe exported as a building block. */
export interface FimSchema extends Omit<FimGroup, 'kind' | 'cardinality'> {
  kind: 'schema';
  documentType: 'stammdatenschema' | 'datenfeldgruppe';
  xdfVersion: FimVersion;
}

export type FimErrorCode =
  | 'not-xml'
  | 'not-fim'
  | 'unsupported-version'
  | 'unknown-namespace'
  | 'missing-element'
  | 'empty-element'
  | 'duplicate-element'
  | 'unexpected-element'
  | 'invalid-value';

/** A document that cannot be imported, with a message that names the problem and where it is. */
export class FimImportError extends Error {
  constructor(
    readonly code: FimErrorCode,
    message: string,
    /** Element path, e.g. `stammdatenschema/identifikation/id`. */
    readonly path?: string,
  ) {
    super(path ? `${message} (${path})` : message);
  }
}
