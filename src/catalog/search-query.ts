// Turns what a citizen types into the pieces the database search needs: a strict and a loose
// German full-text query (with synonyms and prefix matching for compounds) and a folded string
// for trigram typo matching. Pure: no SQL is executed here.
import { expandSynonyms } from './synonyms.ts';

export const MAX_QUERY_LENGTH = 200;

export interface SearchQuery {
  /** What the user typed, trimmed and shortened. */
  text: string;
  /** Every term must match (each term may match via a synonym). */
  strict: string;
  /** Any term matches. */
  loose: string;
  /** Lowercase, umlauts folded to ae/oe/ue/ss, as stored in the search_text columns. */
  folded: string;
}

export function foldUmlauts(value: string): string {
  return value.toLowerCase().replaceAll('ä', 'ae').replaceAll('ö', 'oe').replaceAll('ü', 'ue').replaceAll('ß', 'ss');
}

export function tokenize(value: string): string[] {
  return value.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

// Prefix matching lets "gewerbe" find the compound "Gewerbeanmeldung"; short stems would match too much.
function term(token: string): string {
  return token.length >= 4 ? `${token}:*` : token;
}

/** Returns undefined when the input has nothing searchable (only punctuation, say). */
export function buildSearchQuery(input: string): SearchQuery | undefined {
  const text = input.trim().slice(0, MAX_QUERY_LENGTH);
  const tokens = [...new Set(tokenize(text))].slice(0, 12);
  if (tokens.length === 0) return undefined;
  const groups = tokens.map((t) => [t, ...expandSynonyms(t)].flatMap(tokenize));
  const group = (alternatives: string[]) => `(${[...new Set(alternatives)].map(term).join(' | ')})`;
  return {
    text,
    strict: groups.map(group).join(' & '),
    loose: group(groups.flat()),
    folded: foldUmlauts(tokens.join(' ')),
  };
}
