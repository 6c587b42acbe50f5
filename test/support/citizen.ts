// A citizen's browser over real HTTP (keep-alive, cookies, CSRF token), for tests against a server
// process and for the benchmarks: it keeps what a browser keeps and measures each request.
import crypto from 'node:crypto';
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true, maxSockets: 100 });

/** Closes the kept-alive connections (at the end of a run). */
export const closeConnections = () => agent.destroy();

/** A draft's browser state, to replay it from a load generator. */
export interface Draft {
  cookie: string;
  token: string;
}

export interface Response {
  status: number;
  location?: string;
  body: string;
  ms: number;
}

export class Citizen {
  cookies = new Map<string, string>();
  token = '';
  constructor(readonly port: number) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  request(method: string, url: string, body?: Buffer | string, contentType?: string): Promise<Response> {
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const headers: http.OutgoingHttpHeaders = { cookie: this.cookieHeader() };
      if (body !== undefined) Object.assign(headers, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
      const req = http.request({ host: '127.0.0.1', port: this.port, method, path: url, headers, agent }, (res) => {
        for (const c of res.headers['set-cookie'] ?? []) {
          const [pair = ''] = c.split(';');
          const i = pair.indexOf('=');
          this.cookies.set(pair.slice(0, i), pair.slice(i + 1));
        }
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, location: res.headers.location, body: Buffer.concat(chunks).toString(), ms: performance.now() - started }),
        );
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  form(url: string, fields: Record<string, string>): Promise<Response> {
    return this.request('POST', url, new URLSearchParams({ ...fields, _csrf: this.token }).toString(), 'application/x-www-form-urlencoded');
  }

  upload(url: string, name: string, filename: string, data: Buffer): Promise<Response> {
    const boundary = `----bench${crypto.randomBytes(8).toString('hex')}`;
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="_action"\r\n\r\ncontinue\r\n--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n`;
    const body = Buffer.concat([Buffer.from(head), data, Buffer.from(`\r\n--${boundary}--\r\n`)]);
    return this.request('POST', `${url}?_csrf=${encodeURIComponent(this.token)}`, body, `multipart/form-data; boundary=${boundary}`);
  }

  /** Opens a form's start page once: the browser's CSRF cookie and token. */
  async open(formId: string): Promise<void> {
    const page = await this.request('GET', `/antrag/${formId}`);
    this.token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    if (!this.token) throw new Error(`no CSRF token on /antrag/${formId} (${page.status})`);
  }
}

function expectRedirect(latencies: number[], r: Response, to: RegExp, what: string): string {
  latencies.push(r.ms);
  if (r.status !== 303 || !to.test(r.location ?? '')) throw new Error(`${what}: ${r.status} ${r.location ?? r.body.slice(0, 200)}`);
  return r.location as string;
}

/** A Bewohnerparkausweis draft filled in completely, with one upload, up to "check your answers". */
export async function fillParkingPermit(c: Citizen, attachment: Buffer, latencies: number[] = []): Promise<void> {
  const expect = (r: Response, to: RegExp, what: string) => expectRedirect(latencies, r, to, what);
  let at = expect(await c.form('/antrag/bewohnerparkausweis', {}), /schritt\//, 'start');
  at = expect(
    await c.form(at, { vorname: 'Max', nachname: 'Muster', strasse: 'Am Markt 2', plz: '12345', email: '', telefon: '' }),
    /schritt\/fahrzeug/,
    'person',
  );
  at = expect(await c.form(at, { kennzeichen: 'MS-AB 123', zone: 'A', halter: 'selbst', gueltig_ab: '01.12.2026' }), /schritt\/nachweise/, 'vehicle');
  at = expect(await c.upload(at, 'fahrzeugschein', 'fahrzeugschein.pdf', attachment), /schritt\/laufzeit/, 'upload');
  expect(await c.form(at, { laufzeit: '12' }), /pruefen/, 'duration');
}

/** Submits a complete Bewohnerparkausweis draft; returns the reference number shown on the confirmation page. */
export async function submitParkingPermit(c: Citizen, latencies: number[] = []): Promise<string> {
  expectRedirect(latencies, await c.form('/antrag/bewohnerparkausweis/absenden', { email: '', declaration: 'ja' }), /bestaetigung/, 'submit');
  const confirmation = await c.request('GET', '/antrag/bewohnerparkausweis/bestaetigung');
  latencies.push(confirmation.ms);
  const reference = /[A-Z]{2,5}-\d{4}-\d{6}/.exec(confirmation.body)?.[0];
  if (!reference) throw new Error(`no reference on the confirmation (${confirmation.status})`);
  return reference;
}

/**
 * A complete Bewohnerparkausweis application with one upload, from the start page's CSRF token on;
 * returns the reference number shown on the confirmation page.
 */
export async function applyForParkingPermit(c: Citizen, attachment: Buffer, latencies: number[] = []): Promise<string> {
  await fillParkingPermit(c, attachment, latencies);
  return submitParkingPermit(c, latencies);
}
