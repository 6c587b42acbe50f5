// Server-side rendering: a Preact element to a complete HTML document (escaped by default).
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

// biome-ignore lint/suspicious/noExplicitAny: any page component, whatever its props
export function renderDocument(page: VNode<any>): string {
  return `<!doctype html>${renderToString(page)}`;
}
