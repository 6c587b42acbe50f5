// The forms module: FIM-native online forms. So far: reading XDatenfelder 2.0/3.0.0 and genericode,
// the versioned form definition (TypeBox → types + JSON Schema), its checks, and the FIM mapping.
export { definitionFromFim } from './definition/from-fim.ts';
export { type Condition, type Field, FORM_SCHEMA_VERSION, FormDefinition, type Group, type Item, type Step } from './definition/schema.ts';
export { type DefinitionProblem, validateDefinition } from './definition/validate.ts';
export { type CodeList, parseGenericode } from './fim/genericode.ts';
export { type Cardinality, type FimField, type FimGroup, FimImportError, type FimRule, type FimSchema } from './fim/model.ts';
export { parseXDatenfelder } from './fim/parse.ts';
