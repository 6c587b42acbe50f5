// Setting up a service's targets: checked input, secrets generated (webhook) or taken (FIT-Connect
// client secret) and stored encrypted, shown once. The routes audit; this module knows no HTTP.
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { type Condition, type Field, type FormVersions, fieldsById, plainText, publishedFormOfService } from '../forms/index.ts';
import type { Database, HandoffKind } from '../platform/db/schema.ts';
import { encryptSecret } from '../platform/secrets.ts';
import * as store from './store.ts';
import { settingsProblems, TARGET_KINDS, type Target } from './targets.ts';

export interface TargetInput {
  serviceId: string;
  kind: HandoffKind;
  name: string;
  settings: Record<string, string>;
  /** Only when this field of the service's form has this answer; both empty = every submission. */
  onlyIf: { field: string; value: string };
  /** The FIT-Connect client secret (other kinds: ignored). */
  clientSecret: string;
  /** The integration that collects a pull target's submissions. */
  integrationId: string;
}

export class TargetInputError extends Error {
  constructor(readonly problems: Record<string, string>) {
    super(`invalid target: ${Object.keys(problems).join(', ')}`);
  }
}

/** A webhook signing secret: 32 random bytes, recognisable by its prefix. */
const newSigningSecret = () => `whsec_${crypto.randomBytes(32).toString('base64url')}`;

const SETTINGS_FIELDS: Record<HandoffKind, string[]> = {
  webhook: ['url', 'attachments'],
  email: ['address'],
  fitconnect: ['submissionUrl', 'tokenUrl', 'clientId', 'destinationId', 'scope'],
  pull: [],
};

export function targetService(deps: { db: Kysely<Database>; forms: FormVersions; masterSecret: string; allowHttp: boolean }) {
  const { db } = deps;

  /** The fields of the service's published form, by id: what a condition may look at. */
  async function formFields(serviceId: string) {
    const formId = await publishedFormOfService(db, serviceId);
    const form = formId ? await deps.forms.current(formId) : undefined;
    return form ? fieldsById(form.definition.steps.flatMap((s) => s.items)) : new Map<string, Field>();
  }

  async function conditionOf(serviceId: string, onlyIf: TargetInput['onlyIf'], problems: Record<string, string>): Promise<Condition | null> {
    if (!onlyIf.field && !onlyIf.value) return null;
    const field = (await formFields(serviceId)).get(onlyIf.field);
    if (!field) problems.conditionField = 'unknownField';
    else if (!onlyIf.value) problems.conditionValue = 'required';
    return { field: onlyIf.field, op: 'equals', value: onlyIf.value };
  }

  return {
    /** The fields a condition may name, with their German labels. */
    async conditionFields(serviceId: string): Promise<{ id: string; label: string }[]> {
      return [...(await formFields(serviceId)).values()].filter((f) => f.type !== 'file').map((f) => ({ id: f.id, label: plainText(f.label, 'de') }));
    },

    /** Creates a target; returns its id and, for a webhook, the signing secret (shown this once). */
    async create(input: TargetInput): Promise<{ id: string; signingSecret?: string }> {
      const problems: Record<string, string> = {};
      if (!TARGET_KINDS.includes(input.kind)) throw new TargetInputError({ kind: 'required' });
      const name = input.name.trim().slice(0, 200);
      if (!name) problems.name = 'required';
      Object.assign(problems, settingsProblems(input.kind, input.settings, deps.allowHttp));
      if (input.kind === 'fitconnect' && !input.clientSecret) problems.clientSecret = 'required';
      if (
        input.kind === 'pull' &&
        !(await db.selectFrom('integrations').select('id').where('id', '=', input.integrationId).where('active', '=', true).executeTakeFirst())
      ) {
        problems.integrationId = 'required';
      }
      const condition = await conditionOf(input.serviceId, input.onlyIf, problems);
      if (Object.keys(problems).length > 0) throw new TargetInputError(problems);
      const settings = Object.fromEntries(SETTINGS_FIELDS[input.kind].map((k) => [k, (input.settings[k] ?? '').trim()]));
      if (input.kind === 'webhook') settings.attachments = input.settings.attachments === 'inline' ? 'inline' : 'links';
      const signingSecret = input.kind === 'webhook' ? newSigningSecret() : undefined;
      const plainSecret = signingSecret ?? (input.kind === 'fitconnect' ? input.clientSecret : undefined);
      const id = await store.insertTarget(db, {
        serviceId: input.serviceId,
        kind: input.kind,
        name,
        condition,
        settings,
        secret: plainSecret ? encryptSecret(deps.masterSecret, plainSecret) : null,
        integrationId: input.kind === 'pull' ? input.integrationId : null,
      });
      return { id, signingSecret };
    },

    /** A new webhook signing secret, replacing the old one at once; shown this once. */
    async rotateSecret(target: Target): Promise<string> {
      const secret = newSigningSecret();
      await store.updateTarget(db, target.id, { secret: encryptSecret(deps.masterSecret, secret) });
      return secret;
    },

    setActive: (target: Target, active: boolean) => store.updateTarget(db, target.id, { active }),
  };
}

export type TargetService = ReturnType<typeof targetService>;
