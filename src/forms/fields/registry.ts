// Every field type and its module; the Record type makes a missing type a compile error.
import type { FieldType } from '../definition/schema.ts';
import { choiceFields } from './choice.ts';
import { dateFields } from './date.ts';
import { numberFields } from './number.ts';
import { textFields } from './text.ts';
import type { FieldModule } from './types.ts';

export const FIELD_MODULES: Record<FieldType, FieldModule> = { ...textFields, ...numberFields, ...dateFields, ...choiceFields };
