// The forms module: FIM-native online forms. So far the XDatenfelder 2.0/3.0.0 reader that turns a
// FIM Stammdatenschema or Datenfeldgruppe into a version-neutral model (form engine: issue 3).

export { type CodeList, parseGenericode } from './fim/genericode.ts';
export { type Cardinality, type FimField, type FimGroup, FimImportError, type FimRule, type FimSchema } from './fim/model.ts';
export { parseXDatenfelder } from './fim/parse.ts';
