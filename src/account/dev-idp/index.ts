// The development identity provider: a real OpenID Connect provider (oidc-provider) with the test
// identities, on its own port, so local use and tests run the same eID journey as production.
// Never started with NODE_ENV=production (config.ts refuses DEV_IDP there).
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import Provider, { type Configuration } from 'oidc-provider';
import type { OidcConfig } from '../../config.ts';
import { translator } from '../../platform/i18n/index.ts';
import { renderDocument } from '../../platform/views/render.ts';
import { trustLevelOf } from '../oidc/trust.ts';
import { claimsOf, identityBySub, TEST_IDENTITIES } from './identities.ts';
import { DevIdpPage } from './page.tsx';

export interface DevIdpOptions {
  host: string;
  port: number;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  cookieSecret: string;
  /** Further clients on the same origin, e.g. the back office's staff sign-in in tests. */
  extraClients?: { clientId: string; clientSecret: string; redirectUri: string }[];
}

export interface DevIdp {
  issuer: string;
  close(): Promise<void>;
}

function providerConfiguration(options: DevIdpOptions): Configuration {
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    clients: [options, ...(options.extraClients ?? [])].map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: [c.redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    })),
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'dev-idp', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: [options.cookieSecret] },
    pkce: { required: () => true },
    acrValues: ['STORK-QAA-Level-1', 'STORK-QAA-Level-3', 'STORK-QAA-Level-4'],
    claims: { openid: ['sub'], profile: ['given_name', 'family_name', 'birthdate'], email: ['email', 'email_verified'], address: ['address'], acr: ['acr'] },
    scopes: ['openid', 'profile', 'email', 'address'],
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/anmeldung/${interaction.uid}` },
    findAccount: (_ctx, sub) => {
      const identity = identityBySub(sub);
      return identity ? { accountId: sub, claims: () => claimsOf(identity) } : undefined;
    },
    // The portal is this IdP's only client: consent is implied, as with a Land's own account.
    loadExistingGrant: async (ctx) => {
      const existing = ctx.oidc.session?.grantIdFor(ctx.oidc.client?.clientId as string);
      if (existing) return ctx.oidc.provider.Grant.find(existing);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client?.clientId, accountId: ctx.oidc.session?.accountId });
      grant.addOIDCScope('openid profile email address');
      grant.addOIDCClaims(['acr']);
      await grant.save();
      return grant;
    },
    ttl: { Session: 600, Interaction: 600, Grant: 600, AccessToken: 300, AuthorizationCode: 60, IdToken: 300 },
  };
}

const root = path.resolve(import.meta.dirname, '../../..');
const cached = (file: string) => {
  let content: Promise<Buffer> | undefined;
  return () => {
    content ??= fs.readFile(path.join(root, file));
    return content;
  };
};
/** The KERN styles, served by the IdP itself: it runs without the portal (`amtsweg dev-idp`). */
const STYLES: Record<string, () => Promise<Buffer>> = {
  '/assets/kern.min.css': cached('node_modules/@kern-ux/native/dist/kern.min.css'),
  '/assets/app.css': cached('public/app.css'),
};

async function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export async function startDevIdp(options: DevIdpOptions): Promise<DevIdp> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(options.port, options.host, resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://${options.host === '0.0.0.0' ? 'localhost' : options.host}:${port}`;
  const provider = new Provider(issuer, providerConfiguration(options));
  const callback = provider.callback();
  const t = translator('de');

  server.on('request', async (req, res) => {
    const style = STYLES[req.url ?? ''];
    if (style) {
      res.writeHead(200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'max-age=3600' });
      return res.end(await style());
    }
    const match = /^\/anmeldung\/([\w-]+)(\/abbrechen)?$/.exec(req.url ?? '');
    if (!match) return callback(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      if (req.method === 'POST' && match[2]) {
        return await provider.interactionFinished(
          req,
          res,
          { error: 'access_denied', error_description: 'Anmeldung abgebrochen' },
          { mergeWithLastSubmission: false },
        );
      }
      if (req.method === 'POST') {
        const identity = identityBySub((await readForm(req)).get('sub') ?? '');
        if (!identity) throw new Error('unknown test identity');
        return await provider.interactionFinished(
          req,
          res,
          { login: { accountId: identity.sub, acr: claimsOf(identity).acr } },
          { mergeWithLastSubmission: false },
        );
      }
      const level = trustLevelOf(String(details.params.acr_values ?? '').split(' ')[0]);
      const requested = level === 'niedrig' ? undefined : t(`trust.${level}`);
      const page = DevIdpPage({
        ctx: { lang: 'de', t, url: req.url ?? '/' },
        action: `/anmeldung/${details.uid}`,
        abort: `/anmeldung/${details.uid}/abbrechen`,
        identities: TEST_IDENTITIES,
        requested,
      });
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        // form-action must allow the redirect back to the portal that follows the post.
        'content-security-policy': `default-src 'none'; style-src 'self'; form-action 'self' ${new URL(options.redirectUri).origin}; frame-ancestors 'none'`,
      });
      res.end(renderDocument(page));
    } catch (error) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`Anmeldung nicht möglich: ${(error as Error).message}`);
    }
  });
  return {
    issuer,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The development IdP as the portal's OIDC provider: client id `amtsweg-dev`, its secret derived
 * from SESSION_SECRET, the redirect back to PUBLIC_URL. Used by `npm start` and `amtsweg dev-idp`.
 */
export async function startPortalDevIdp(
  config: { host: string; publicUrl: string; sessionSecret: string },
  port: number,
): Promise<DevIdp & { oidc: OidcConfig }> {
  const clientSecret = crypto.createHmac('sha256', config.sessionSecret).update('dev-idp-client').digest('base64url');
  const idp = await startDevIdp({
    host: config.host === '0.0.0.0' ? 'localhost' : config.host,
    port,
    clientId: 'amtsweg-dev',
    clientSecret,
    redirectUri: `${config.publicUrl}/konto/eid/rueckkehr`,
    cookieSecret: config.sessionSecret,
  });
  return {
    ...idp,
    oidc: { issuer: idp.issuer, clientId: 'amtsweg-dev', clientSecret, scopes: 'openid profile email address', trustClaim: 'acr', claimMap: {} },
  };
}
