// Rich text for service descriptions, limited to a safe subset written as plain text: headings
// ("## "), bulleted and numbered lists ("- ", "1. "), bold ("**…**") and links ("[Text](https://…)",
// http, https and mailto only). Editors type it in a textarea (no JavaScript needed); `cleanRichText`
// normalises it on save and names what it dropped; `RichText` renders it as elements – no HTML
// from the text ever reaches the page.
import type { ComponentChildren } from 'preact';

export type RichTextProblem = { line: number; kind: 'link' };

/** `[text](url)`; the address may hold one level of parentheses (as Wikipedia links do). */
const LINK = /\[([^\]\n]{1,200})\]\(((?:[^()\s]|\([^()\s]*\)){1,500})\)/g;
const SAFE_URL = /^(https?:\/\/[^\s<>"]+|mailto:[^\s<>"@]+@[^\s<>"]+)$/i;

type Block = { kind: 'heading' | 'paragraph'; text: string } | { kind: 'bullets' | 'numbers'; items: string[] };

function blocksOf(text: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', text: paragraph.join(' ') });
    paragraph = [];
  };
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    const item = /^(?:[-*]|(\d{1,3})\.)\s+(.+)$/.exec(line);
    if (!line) flush();
    else if (/^#{1,3}\s+/.test(line)) {
      flush();
      blocks.push({ kind: 'heading', text: line.replace(/^#{1,3}\s+/, '') });
    } else if (item) {
      flush();
      const kind = item[1] ? 'numbers' : 'bullets';
      const last = blocks.at(-1);
      if (last && last.kind === kind) last.items.push(item[2] as string);
      else blocks.push({ kind, items: [item[2] as string] });
    } else paragraph.push(line);
  }
  flush();
  return blocks;
}

/** The text as it is stored: unknown link schemes turned into their plain text, problems named by line. */
export function cleanRichText(text: string): { text: string; problems: RichTextProblem[] } {
  const problems: RichTextProblem[] = [];
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line, i) =>
      line.replace(LINK, (_, label: string, url: string) => {
        if (SAFE_URL.test(url)) return `[${label}](${url})`;
        problems.push({ line: i + 1, kind: 'link' });
        return label;
      }),
    );
  return { text: lines.join('\n').trim(), problems };
}

/** Bold and links within a line, as elements. */
function Inline({ text }: { text: string }) {
  const parts: ComponentChildren[] = [];
  const pattern = new RegExp(`\\*\\*([^*]+)\\*\\*|${LINK.source}`, 'g');
  let at = 0;
  for (const m of text.matchAll(pattern)) {
    if ((m.index ?? 0) > at) parts.push(text.slice(at, m.index));
    if (m[1] !== undefined) parts.push(<strong>{m[1]}</strong>);
    else if (m[3] && SAFE_URL.test(m[3])) {
      parts.push(
        <a class="kern-link" href={m[3]}>
          {m[2]}
        </a>,
      );
    } else parts.push(m[2]);
    at = (m.index ?? 0) + m[0].length;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}

/** Renders the subset; `headingLevel` is the level its headings take in the page (default 3). */
export function RichText({ text, headingLevel = 3 }: { text: string; headingLevel?: 2 | 3 | 4 }) {
  const Heading = `h${headingLevel}` as 'h2' | 'h3' | 'h4';
  return (
    <>
      {blocksOf(text).map((b, i) => {
        if ('items' in b) {
          const List = b.kind === 'bullets' ? 'ul' : 'ol';
          return (
            <List key={i} class="kern-list">
              {b.items.map((item, j) => (
                <li key={j}>
                  <Inline text={item} />
                </li>
              ))}
            </List>
          );
        }
        return b.kind === 'heading' ? (
          <Heading key={i} class="kern-heading-small">
            <Inline text={b.text} />
          </Heading>
        ) : (
          <p key={i} class="kern-body">
            <Inline text={b.text} />
          </p>
        );
      })}
    </>
  );
}
