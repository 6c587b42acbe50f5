// The rich-text subset of service descriptions: headings, lists, bold and links render as elements;
// anything else – markup, other link schemes – stays text; cleaning on save names dropped links.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { cleanRichText, RichText } from '../../src/platform/views/richtext.tsx';

const render = (text: string) => renderToString(h(RichText, { text }));

describe('rich text subset', () => {
  it('renders headings, lists, bold and safe links', () => {
    const html = render(
      '## Voraussetzungen\n- Sie wohnen in **Musterstadt**\n- Ihr Auto ist zugelassen\n\n1. Antrag stellen\n2. Bescheid abwarten\n\nMehr unter [BundID](https://id.bund.de) oder [Mail](mailto:amt@musterstadt.de).',
    );
    assert.equal(
      html,
      '<h3 class="kern-heading-small">Voraussetzungen</h3>' +
        '<ul class="kern-list"><li>Sie wohnen in <strong>Musterstadt</strong></li><li>Ihr Auto ist zugelassen</li></ul>' +
        '<ol class="kern-list"><li>Antrag stellen</li><li>Bescheid abwarten</li></ol>' +
        '<p class="kern-body">Mehr unter <a class="kern-link" href="https://id.bund.de">BundID</a> oder <a class="kern-link" href="mailto:amt@musterstadt.de">Mail</a>.</p>',
    );
  });

  it('keeps markup and unsafe links as text', () => {
    const html = render('<script>alert(1)</script> [klick](javascript:alert(1)) <b onclick="x">fett</b>');
    assert.ok(!html.includes('<script') && !html.includes('<b ') && !html.includes('href="javascript'), html);
    assert.match(html, /&lt;script>alert\(1\)&lt;\/script>/);
    assert.match(html, /klick/);
  });

  it('drops unsafe links on save and says where', () => {
    const { text, problems } = cleanRichText('Gut: [A](https://a.de)\nSchlecht: [B](javascript:alert(1))\n[C](data:text/html,x)');
    assert.equal(text, 'Gut: [A](https://a.de)\nSchlecht: B\nC');
    assert.deepEqual(problems, [
      { line: 2, kind: 'link' },
      { line: 3, kind: 'link' },
    ]);
  });
});
