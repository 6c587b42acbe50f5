// Hand-off targets: where a service's submissions go (a signed webhook, the office's mailbox, a
// FIT-Connect destination, or a Fachverfahren that collects them), each optionally only when the
// answers meet a condition. Plain types and checks; no SQL, no HTTP.

import { lookupIn } from '../forms/engine/scopes.ts';
import { type Answers, type Condition, evaluate } from '../forms/index.ts';
import type { HandoffKind } from '../platform/db/schema.ts';
import { isEmailAddress } from '../platform/email.ts';

export const TARGET_KINDS: readonly HandoffKind[] = ['webhook', 'email', 'fitconnect', 'pull'];

export interface WebhookSettings {
  url: string;
  /** Attachments as signed download links (default) or inline as base64 in the body. */
  attachments: 'links' | 'inline';
}

export interface EmailSettings {
  address: string;
}

export interface FitConnectSettings {
  /** Base URL of the Submission API, e.g. https://submission-api-testing.fit-connect.fitko.dev */
  submissionUrl: string;
  /** OAuth2 token endpoint for the client credentials grant. */
  tokenUrl: string;
  clientId: string;
  destinationId: string;
  /** OAuth2 scope to ask for (FIT-Connect: `send:region:DE…`); may be empty. */
  scope: string;
}

interface TargetBase {
  id: string;
  serviceId: string;
  name: string;
  /** Only submissions whose answers meet this condition go to the target; null = all. */
  condition: Condition | null;
  /** The signing secret (webhook) or client secret (FIT-Connect), encrypted at rest. */
  secret: string | null;
  active: boolean;
}

export type Target =
  | (TargetBase & { kind: 'webhook'; settings: WebhookSettings })
  | (TargetBase & { kind: 'email'; settings: EmailSettings })
  | (TargetBase & { kind: 'fitconnect'; settings: FitConnectSettings })
  | (TargetBase & { kind: 'pull'; settings: Record<string, never>; integrationId: string });

/** Whether a submission with these answers goes to the target. */
export function appliesTo(target: Pick<Target, 'condition'>, answers: Answers): boolean {
  return !target.condition || evaluate(target.condition, lookupIn([answers]));
}

export type TargetProblem = 'required' | 'url' | 'insecureUrl' | 'email' | 'uuid';

/** Checks a URL a target posts to: absolute http(s), https unless plain HTTP is allowed (development, tests). */
export function urlProblem(value: string, allowHttp: boolean): TargetProblem | undefined {
  if (!value) return 'required';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'url';
  }
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:') return allowHttp ? undefined : 'insecureUrl';
  return 'url';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The problems of a target's settings, by field name; empty when it may be saved. */
export function settingsProblems(kind: HandoffKind, settings: Record<string, string>, allowHttp: boolean): Record<string, TargetProblem> {
  const problems: Record<string, TargetProblem | undefined> = {};
  if (kind === 'webhook') problems.url = urlProblem(settings.url ?? '', allowHttp);
  if (kind === 'email') problems.address = !settings.address ? 'required' : isEmailAddress(settings.address) ? undefined : 'email';
  if (kind === 'fitconnect') {
    problems.submissionUrl = urlProblem(settings.submissionUrl ?? '', allowHttp);
    problems.tokenUrl = urlProblem(settings.tokenUrl ?? '', allowHttp);
    problems.clientId = settings.clientId ? undefined : 'required';
    problems.destinationId = !settings.destinationId ? 'required' : UUID.test(settings.destinationId) ? undefined : 'uuid';
  }
  return Object.fromEntries(Object.entries(problems).filter((e): e is [string, TargetProblem] => e[1] !== undefined));
}
