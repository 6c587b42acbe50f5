// An app with short hand-off backoff, targets set up through the module's own service, and helpers
// to submit parking-permit applications and run the worker until deliveries settle.
import assert from 'node:assert/strict';
import { loadConfig } from '../../src/config.ts';
import { formVersions } from '../../src/forms/index.ts';
import { type TargetInput, targetService } from '../../src/handoff/target-service.ts';
import { createTestApp, type TestApp } from './app.ts';
import { Browser } from './browser.ts';
import { submitParking } from './journeys.ts';

export const testConfig = loadConfig({ NODE_ENV: 'test' });

export interface HandoffHarness {
  t: TestApp;
  /** Sets up a target for the parking permit's service; returns its id and the webhook secret. */
  addTarget(input: Partial<TargetInput> & Pick<TargetInput, 'kind' | 'settings'>, formId?: string): Promise<{ id: string; signingSecret?: string }>;
  /** Submits a complete parking-permit application; returns its reference number. */
  submit(person?: Record<string, string>): Promise<string>;
  deliveriesOf(
    reference: string,
  ): Promise<{ id: string; state: string; attempts: number; last_error: string | null; remote_id: string | null; application_id: string }[]>;
  /** Runs the job worker until `done` holds (backoff is a few milliseconds here). */
  workUntil(done: () => Promise<boolean> | boolean): Promise<void>;
  close(): Promise<void>;
}

export async function handoffHarness(env: Record<string, string> = {}): Promise<HandoffHarness> {
  const t = await createTestApp('demo', undefined, { JOB_RETRY_BASE_MS: '1', HANDOFF_MAX_ATTEMPTS: '4', ...env });
  const db = t.database.db;
  const targets = targetService({ db, forms: formVersions(db), masterSecret: testConfig.sessionSecret, allowHttp: true });
  return {
    t,
    async addTarget(input, formId = 'bewohnerparkausweis') {
      const form = await db.selectFrom('forms').select('service_id').where('id', '=', formId).executeTakeFirstOrThrow();
      return targets.create({
        serviceId: form.service_id ?? '',
        name: `Ziel ${input.kind}`,
        onlyIf: { field: '', value: '' },
        clientSecret: '',
        integrationId: '',
        ...input,
      });
    },
    async submit(person = {}) {
      const page = await submitParking(new Browser(t.app), 'max@example.org', person);
      const reference = /[A-Z]{2,6}-\d{4}-\d{6}/.exec(page.html)?.[0];
      assert.ok(reference, 'the confirmation page shows a reference number');
      return reference;
    },
    deliveriesOf: (reference) =>
      db
        .selectFrom('handoff_deliveries as d')
        .innerJoin('applications as a', 'a.id', 'd.application_id')
        .select(['d.id', 'd.state', 'd.attempts', 'd.last_error', 'd.remote_id', 'a.id as application_id'])
        .where('a.reference', '=', reference)
        .orderBy('d.created_at')
        .execute(),
    async workUntil(done) {
      for (let i = 0; i < 300; i++) {
        await t.app.jobs.drain();
        if (await done()) return;
        await new Promise((r) => setTimeout(r, 10));
      }
      assert.fail('the deliveries did not settle');
    },
    close: () => t.close(),
  };
}
