// The forms module: FIM-native online forms. So far the pure core: reading XDatenfelder 2.0/3.0.0 and
// genericode, the versioned form definition and its FIM mapping, field types, conditions and journey.
export { definitionFromFim } from './definition/from-fim.ts';
export { type Condition, type Field, FORM_SCHEMA_VERSION, FormDefinition, type Group, type Item, type Step } from './definition/schema.ts';
export { type DefinitionProblem, validateDefinition } from './definition/validate.ts';
export { evaluate } from './engine/conditions.ts';
export { type Answers, firstIncompleteStep, type ItemError, journey, mayVisit, nextStep, previousStep, stepErrors } from './engine/journey.ts';
export { FIELD_MODULES } from './fields/registry.ts';
export { type CodeList, parseGenericode } from './fim/genericode.ts';
export { type Cardinality, type FimField, type FimGroup, FimImportError, type FimRule, type FimSchema } from './fim/model.ts';
export { parseXDatenfelder } from './fim/parse.ts';
export { type FimImportResult, InvalidDefinitionError, importCodeList, importFimForm } from './import.ts';
