// The forms module: FIM-native online forms. Reads XDatenfelder 2.0/3.0.0 and genericode, keeps the
// versioned form definition, and runs it: field types, conditions, journey, input, summary, views.

export { type FormsApiDeps, registerFormsApi } from './api-routes.ts';
export { definitionFromFim } from './definition/from-fim.ts';
export { type AddressOptions, addressGroup } from './definition/presets.ts';
export { type Condition, type Field, FORM_SCHEMA_VERSION, FormDefinition, type Group, type Item, type Step } from './definition/schema.ts';
export { type DefinitionProblem, validateDefinition } from './definition/validate.ts';
export { DEMO_FORMS, seedDemoForms } from './demo/index.ts';
export { applicantName } from './engine/applicant.ts';
export { evaluate } from './engine/conditions.ts';
export { type RawValues, readStep, type StepRead } from './engine/input.ts';
export { type Answers, firstIncompleteStep, type ItemError, journey, mayVisit, nextStep, previousStep, stepErrors } from './engine/journey.ts';
export {
  addInstance,
  addReferences,
  controlId,
  fieldAtPath,
  fieldsById,
  hasFileField,
  itemAtPath,
  referencesAt,
  removeInstance,
  removeReference,
} from './engine/paths.ts';
export { keepLocked, type PrefillIdentity, prefillAnswers } from './engine/prefill.ts';
export { type SummaryRow, type SummarySection, summarise } from './engine/summary.ts';
export { type JsonSchema, submissionData, submissionSchema, submissionSchemaUri } from './export/submission.ts';
export { FIELD_MODULES } from './fields/registry.ts';
export { type CodeList, parseGenericode } from './fim/genericode.ts';
export { type Cardinality, type FimField, type FimGroup, FimImportError, type FimRule, type FimSchema } from './fim/model.ts';
export { parseXDatenfelder } from './fim/parse.ts';
export { type FimImportResult, InvalidDefinitionError, importCodeList, importFimForm } from './import.ts';
export { linkFormToService, listForms, publishDraftVersion, publishedFormOfService, saveDraftVersion } from './store.ts';
export { type FormVersion, type FormVersions, formVersions } from './versions.ts';
export { hasLiveConditions } from './views/conditional.tsx';
export { DEFAULT_FILE_TYPES, formatBytes } from './views/file-control.tsx';
export { Items } from './views/items.tsx';
export type { RenderState, UploadInfo } from './views/state.ts';
export { Paragraphs, plainText, Txt } from './views/text.tsx';
