// A small cookie-keeping client over app.inject(), for journeys through server-rendered forms.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export interface Page {
  status: number;
  url: string;
  html: string;
  response: LightMyRequestResponse;
}

export class Browser {
  private cookies = new Map<string, { value: string; path: string }>();
  url = '/';

  constructor(private readonly app: FastifyInstance) {}

  private cookieHeader(url: string): string {
    const path = new URL(url, 'http://x').pathname;
    return [...this.cookies]
      .filter(([, c]) => path === c.path || path.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`) || c.path === '/')
      .map(([name, c]) => `${name}=${c.value}`)
      .join('; ');
  }

  private keep(response: LightMyRequestResponse): void {
    for (const c of response.cookies as { name: string; value: string; path?: string; maxAge?: number }[]) {
      if (c.maxAge === 0 || c.value === '') this.cookies.delete(c.name);
      else this.cookies.set(c.name, { value: c.value, path: c.path ?? '/' });
    }
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name)?.value;
  }

  dropCookies(): void {
    this.cookies.clear();
  }

  /** Requests a URL and follows redirects like a browser (303 → GET). */
  async request(method: 'GET' | 'POST', url: string, payload?: string | Buffer, headers: Record<string, string> = {}): Promise<Page> {
    let response = await this.app.inject({ method, url, payload, headers: { ...headers, cookie: this.cookieHeader(url) } });
    this.keep(response);
    let current = url;
    for (let hops = 0; response.statusCode >= 301 && response.statusCode <= 308 && hops < 10; hops++) {
      // A redirect to another site (an identity provider) ends here; the test follows it itself.
      if (/^https?:\/\//.test(String(response.headers.location))) break;
      current = response.headers.location as string;
      response = await this.app.inject({ method: 'GET', url: current, headers: { cookie: this.cookieHeader(current) } });
      this.keep(response);
    }
    this.url = current;
    return { status: response.statusCode, url: current, html: response.body, response };
  }

  get(url: string): Promise<Page> {
    return this.request('GET', url);
  }

  /** Posts a form; `_csrf` is taken from the last page unless given. */
  post(url: string, fields: Record<string, string | string[]>, csrfFrom?: string): Promise<Page> {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    if (!('_csrf' in fields) && csrfFrom) body.append('_csrf', csrfToken(csrfFrom));
    return this.request('POST', url, body.toString(), { 'content-type': 'application/x-www-form-urlencoded' });
  }
}

export function csrfToken(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html) ?? /_csrf=([^"&]+)/.exec(html);
  if (!match?.[1]) throw new Error('no CSRF token on the page');
  return decodeURIComponent(match[1]);
}

/** The action of the first form on the page whose action contains `fragment`. */
export function formAction(html: string, fragment: string): string {
  const match = [...html.matchAll(/<form[^>]*action="([^"]+)"/g)].map((m) => m[1] as string).find((a) => a.includes(fragment));
  if (!match) throw new Error(`no form with action containing ${fragment}`);
  return match.replaceAll('&amp;', '&');
}

/** A multipart/form-data body with text fields and files. */
export function multipartBody(fields: Record<string, string>, files: { name: string; filename: string; type: string; data: Buffer }[]) {
  const boundary = `----amtsweg${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"; filename="${f.filename}"\r\nContent-Type: ${f.type}\r\n\r\n`));
    parts.push(f.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
