// A namespace-aware, order-preserving view of an XML document, enough for XDatenfelder:
// element order matters (fields appear in the order of the form), prefixes vary between exports.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface XmlElement {
  /** Local name without prefix. */
  name: string;
  /** Prefix as written (`xdf`, `xdf3`, or '' for none). */
  prefix: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Concatenated direct text content, trimmed. */
  text: string;
}

export class XmlSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number | undefined,
  ) {
    super(message);
  }
}

type Ordered = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  // FIM exports carry numeric character references such as &#13; in free text.
  htmlEntities: true,
  commentPropName: '#comment',
});

function splitName(qualified: string): { prefix: string; name: string } {
  const i = qualified.indexOf(':');
  return i < 0 ? { prefix: '', name: qualified } : { prefix: qualified.slice(0, i), name: qualified.slice(i + 1) };
}

function toElement(node: Ordered): XmlElement | undefined {
  const tag = Object.keys(node).find((k) => k !== ':@');
  if (!tag || tag === '#text' || tag === '#comment' || tag.startsWith('?')) return undefined;
  const content = (node[tag] as Ordered[]) ?? [];
  const children: XmlElement[] = [];
  const text: string[] = [];
  for (const child of content) {
    if ('#text' in child) text.push(String(child['#text']));
    else {
      const element = toElement(child);
      if (element) children.push(element);
    }
  }
  return { ...splitName(tag), attributes: { ...(node[':@'] ?? {}) }, children, text: text.join('').trim() };
}

/** Parses a document and returns its root element; throws XmlSyntaxError with the line when not well-formed. */
export function parseXml(source: string): XmlElement {
  const valid = XMLValidator.validate(source);
  if (valid !== true) throw new XmlSyntaxError(valid.err.msg, valid.err.line);
  const nodes = parser.parse(source) as Ordered[];
  const root = nodes.map(toElement).find((e): e is XmlElement => e !== undefined);
  if (!root) throw new XmlSyntaxError('the document has no root element', undefined);
  return root;
}

export const childrenNamed = (element: XmlElement, name: string): XmlElement[] => element.children.filter((c) => c.name === name);

export const child = (element: XmlElement, name: string): XmlElement | undefined => element.children.find((c) => c.name === name);

/** Text of a direct child, or of its `<code>` child for XÖV code elements. */
export function textOf(element: XmlElement, name: string): string {
  const c = child(element, name);
  if (!c) return '';
  return c.text || (child(c, 'code')?.text ?? '');
}
