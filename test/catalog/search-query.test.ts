import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildSearchQuery, foldUmlauts } from '../../src/catalog/search-query.ts';

describe('search query', () => {
  it('requires every term (with synonyms) strictly and any term loosely', () => {
    const q = buildSearchQuery('Gewerbe anmelden');
    assert.ok(q);
    assert.equal(q.strict, '(gewerbe:* | firma:* | betrieb:* | unternehmen:*) & (anmelden:*)');
    assert.equal(q.loose, '(gewerbe:* | firma:* | betrieb:* | unternehmen:* | anmelden:*)');
    assert.equal(q.folded, 'gewerbe anmelden');
  });

  it('expands synonyms a citizen would use', () => {
    assert.match(buildSearchQuery('Umzug')?.loose ?? '', /wohnsitzanmeldung/);
    assert.match(buildSearchQuery('Ausweis')?.loose ?? '', /personalausweis/);
  });

  it('folds umlauts the way people type without a German keyboard', () => {
    assert.equal(foldUmlauts('Führerschein Straße Ärger Öl'), 'fuehrerschein strasse aerger oel');
    assert.equal(buildSearchQuery('Führerschein')?.folded, 'fuehrerschein');
  });

  it('strips tsquery syntax so user input cannot break the query', () => {
    const q = buildSearchQuery(`a & b | !c:* ' " ) (`);
    assert.ok(q);
    assert.equal(q.loose, '(a | b | c)');
  });

  it('returns nothing for input without words', () => {
    assert.equal(buildSearchQuery('  !!! ... '), undefined);
    assert.equal(buildSearchQuery(''), undefined);
  });

  it('bounds very long input', () => {
    const q = buildSearchQuery('wort '.repeat(500));
    assert.ok(q);
    assert.ok(q.text.length <= 200);
  });
});
