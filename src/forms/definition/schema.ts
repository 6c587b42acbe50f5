// The form definition: one versioned JSON format for every form (imported from FIM or written
// natively). Declared once with TypeBox, which yields both the TypeScript types and the JSON Schema.
import { type Static, Type as T, type TSchema } from '@sinclair/typebox';

export const FORM_SCHEMA_VERSION = 1;

const Id = T.String({
  pattern: '^[A-Za-z][A-Za-z0-9_-]{0,99}$',
  description: 'Stable id, unique within the form (no dots: dots separate the parts of an answer path)',
});
const Text = T.Object(
  { de: T.String({ minLength: 1 }), en: T.Optional(T.String()) },
  { additionalProperties: false, description: 'German text, optional English' },
);

export const Repeat = T.Object(
  { min: T.Integer({ minimum: 0 }), max: T.Union([T.Integer({ minimum: 1 }), T.Null()], { description: 'null = unbounded' }) },
  { additionalProperties: false },
);

const Comparison = T.Object(
  {
    field: Id,
    op: T.Union([T.Literal('equals'), T.Literal('notEquals'), T.Literal('in'), T.Literal('answered'), T.Literal('notAnswered')]),
    value: T.Optional(T.Union([T.String(), T.Number(), T.Boolean(), T.Array(T.String())])),
  },
  { additionalProperties: false },
);

/** Show/require conditions over other answers; evaluated on the server, mirrored in the browser. */
export const Condition = T.Recursive(
  (Self) =>
    T.Union([
      Comparison,
      T.Object({ all: T.Array(Self, { minItems: 1 }) }, { additionalProperties: false }),
      T.Object({ any: T.Array(Self, { minItems: 1 }) }, { additionalProperties: false }),
      T.Object({ not: Self }, { additionalProperties: false }),
    ]),
  { $id: 'Condition' },
);

export const FIELD_TYPES = [
  'text',
  'textarea',
  'number',
  'integer',
  'currency',
  'date',
  'time',
  'datetime',
  'yesno',
  'choice',
  'multichoice',
  'file',
  'email',
  'phone',
  'iban',
  'hidden',
  'locked',
] as const;

export const Validation = T.Object(
  {
    minLength: T.Optional(T.Integer({ minimum: 0 })),
    maxLength: T.Optional(T.Integer({ minimum: 1 })),
    min: T.Optional(T.String({ description: 'Lower bound (number or ISO date), inclusive' })),
    max: T.Optional(T.String({ description: 'Upper bound (number or ISO date), inclusive' })),
    pattern: T.Optional(T.String({ description: 'ECMAScript regular expression the whole answer must match' })),
    maxFileBytes: T.Optional(T.Integer({ minimum: 1 })),
    fileTypes: T.Optional(T.Array(T.String(), { description: 'Allowed media types, checked by content' })),
  },
  { additionalProperties: false },
);

const Option = T.Object({ code: T.String(), label: Text }, { additionalProperties: false });

const fieldCommon = {
  id: Id,
  label: Text,
  hint: T.Optional(Text),
  condition: T.Optional(T.Ref(Condition)),
  /** Id of the FIM Datenfeld/-gruppe this item comes from: the key of the submission data. */
  fimId: T.Optional(T.String()),
};

/** What an identity provider can confirm and a field can be prefilled with. */
export const PREFILL_SOURCES = ['givenName', 'familyName', 'birthDate', 'street', 'postalCode', 'city', 'email'] as const;
export type PrefillSource = (typeof PREFILL_SOURCES)[number];

export const Field = T.Object(
  {
    kind: T.Literal('field'),
    ...fieldCommon,
    type: T.Union(FIELD_TYPES.map((t) => T.Literal(t))),
    required: T.Boolean(),
    requiredIf: T.Optional(T.Ref(Condition)),
    repeat: T.Optional(Repeat),
    validation: T.Optional(Validation),
    options: T.Optional(T.Array(Option)),
    /** Key into the form's codeLists, for long lists kept once. */
    codeList: T.Optional(T.String()),
    defaultValue: T.Optional(T.String()),
    /** HTML autofill token for questions about the person filling in (WCAG 1.3.5), e.g. `postal-code`. */
    autocomplete: T.Optional(T.String({ pattern: '^[a-z0-9-]+( [a-z0-9-]+)*$' })),
    /** Filled in from the identity of an eID sign-in (FIM `vorbefuellung`); the citizen sees where it came from. */
    prefill: T.Optional(T.Union(PREFILL_SOURCES.map((s) => T.Literal(s)))),
    /** The prefilled value may not be changed (the law requires the confirmed identity). */
    prefillLocked: T.Optional(T.Boolean()),
  },
  { additionalProperties: false },
);

export const Content = T.Object({ kind: T.Literal('content'), id: Id, text: Text, condition: T.Optional(T.Ref(Condition)) }, { additionalProperties: false });

export const Group = T.Recursive(
  (Self) =>
    T.Object(
      {
        kind: T.Literal('group'),
        ...fieldCommon,
        repeat: Repeat,
        items: T.Array(T.Union([Field, Content, Self])),
      },
      { additionalProperties: false },
    ),
  { $id: 'Group' },
);

export const Step = T.Object(
  {
    id: Id,
    title: Text,
    description: T.Optional(Text),
    condition: T.Optional(T.Ref(Condition)),
    /** The FIM group this step stands for: its key in the submission data. */
    fimId: T.Optional(T.String()),
    items: T.Array(T.Union([Field, Content, Group]), { minItems: 1 }),
  },
  { additionalProperties: false },
);

export const CodeListDef = T.Object(
  {
    title: T.String(),
    canonicalUri: T.Optional(T.String()),
    version: T.Optional(T.String()),
    options: T.Array(Option),
  },
  { additionalProperties: false },
);

export const FormDefinition = T.Object(
  {
    schemaVersion: T.Literal(FORM_SCHEMA_VERSION),
    id: Id,
    title: Text,
    source: T.Optional(
      T.Object(
        { kind: T.Literal('fim'), schemaId: T.String(), schemaVersion: T.String(), xdfVersion: T.Union([T.Literal('2.0'), T.Literal('3.0.0')]) },
        { additionalProperties: false },
      ),
    ),
    steps: T.Array(Step, { minItems: 1 }),
    /** The eID trust level (Vertrauensniveau) a citizen must be signed in with to fill in this form; unset: anyone. */
    trustLevel: T.Optional(T.Union([T.Literal('niedrig'), T.Literal('substantiell'), T.Literal('hoch')])),
    codeLists: T.Record(T.String(), CodeListDef),
    /** What an editor still has to do before publishing (e.g. FIM rules to implement, missing code lists). */
    todos: T.Array(T.Object({ itemId: T.String(), message: T.String() }, { additionalProperties: false })),
  },
  { additionalProperties: false, $id: 'FormDefinition' },
);

export type FormDefinition = Static<typeof FormDefinition>;
export type Step = Static<typeof Step>;
export type Field = Static<typeof Field>;
export type Group = Static<typeof Group>;
export type Content = Static<typeof Content>;
export type Condition = Static<typeof Condition>;
export type FieldType = (typeof FIELD_TYPES)[number];
export type Item = Field | Content | Group;

/** Every schema with an $id, for JSON Schema export and validators that resolve references. */
export const DEFINITION_SCHEMAS: TSchema[] = [Condition, Group, FormDefinition];
