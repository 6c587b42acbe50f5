// FIT-Connect: the submission reaches a FIT-Connect-like destination (in-process, following the
// public API flow) encrypted to its key; decrypted there, the data is what the citizen entered and
// valid against the form's JSON Schema, the metadata valid against the official schema, and every
// attachment arrives byte for byte with the hash the metadata announces.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { type FitConnectDestination, startFitConnectDestination } from '../support/fit-connect.ts';
import { type HandoffHarness, handoffHarness } from '../support/handoff.ts';
import { PDF, PNG } from '../support/journeys.ts';

const METADATA_SCHEMA = path.resolve(import.meta.dirname, '../../../shared/data/fit-connect/metadata.schema.v1.0.0.json');

let h: HandoffHarness;
let destination: FitConnectDestination;

const settingsOf = (d: FitConnectDestination) => ({
  submissionUrl: d.url,
  tokenUrl: d.tokenUrl,
  clientId: d.clientId,
  destinationId: d.destinationId,
  scope: 'send:region:DE',
});

before(async () => {
  h = await handoffHarness();
  destination = await startFitConnectDestination();
  await h.addTarget({ kind: 'fitconnect', name: 'Parkraum-Fachverfahren', settings: settingsOf(destination), clientSecret: destination.clientSecret });
});

after(async () => {
  await destination.close();
  await h.close();
});

function ajv() {
  const validator = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(validator);
  return validator;
}

describe('FIT-Connect target', () => {
  it('sends data and attachments encrypted; the destination decrypts exactly what the citizen entered', async () => {
    const reference = await h.submit({ vorname: 'Marie-Luise', nachname: 'Öztürk', strasse: 'Ringstraße 7' });
    await h.workUntil(async () => (await h.deliveriesOf(reference))[0]?.state === 'delivered');
    const [delivery] = await h.deliveriesOf(reference);
    const received = destination.submitted.find((s) => s.submissionId === delivery?.remote_id);
    assert.ok(received, 'the destination has the submission the delivery names');
    assert.deepEqual(received.dataHeader, { alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: received.dataHeader.kid, cty: 'application/json' });
    assert.equal(received.serviceType.identifier, 'urn:de:fim:leika:leistung:99108001001000');

    // Metadata: valid against the official schema, naming the data's schema and hash.
    const metadataSchema = JSON.parse(fs.readFileSync(METADATA_SCHEMA, 'utf8')) as object;
    const validateMetadata = ajv().compile(metadataSchema);
    assert.ok(validateMetadata(received.metadata), JSON.stringify(validateMetadata.errors));
    const content = received.metadata.contentStructure as {
      data: { hash: { content: string }; submissionSchema: { schemaUri: string } };
      attachments: { attachmentId: string; filename: string; purpose: string; hash: { content: string } }[];
    };
    assert.equal(content.data.hash.content, crypto.createHash('sha512').update(JSON.stringify(received.data)).digest('hex'));

    // Data: valid against the form version's published JSON Schema, holding what was typed.
    const schemaUrl = new URL(content.data.submissionSchema.schemaUri);
    const schema = await h.t.app.inject({ url: schemaUrl.pathname });
    assert.equal(schema.statusCode, 200);
    const validateData = ajv().compile(schema.json() as object);
    assert.ok(validateData(received.data), JSON.stringify(validateData.errors));
    const text = JSON.stringify(received.data);
    for (const typed of ['Marie-Luise', 'Öztürk', 'Ringstraße 7', 'MS-AB 123']) assert.ok(text.includes(JSON.stringify(typed)), `${typed} arrives`);

    // Attachments: the two uploads and the receipt, decrypted byte for byte, hashes as announced.
    const byName = new Map(content.attachments.map((a) => [a.filename, a]));
    assert.deepEqual([...byName.keys()].sort(), [`Eingangsbestaetigung-${reference}.pdf`, 'arbeitgeber.pdf', 'fahrzeugschein.png'].sort());
    assert.deepEqual(received.attachments.get(byName.get('fahrzeugschein.png')?.attachmentId ?? ''), PNG);
    assert.deepEqual(received.attachments.get(byName.get('arbeitgeber.pdf')?.attachmentId ?? ''), PDF);
    assert.equal(byName.get(`Eingangsbestaetigung-${reference}.pdf`)?.purpose, 'form');
    for (const a of content.attachments) {
      const bytes = received.attachments.get(a.attachmentId);
      assert.ok(bytes);
      assert.equal(a.hash.content, crypto.createHash('sha512').update(bytes).digest('hex'));
    }
  });

  it('retries when the destination is unavailable and submits once', async () => {
    destination.down(2);
    const before = destination.submitted.length;
    const reference = await h.submit();
    await h.workUntil(async () => (await h.deliveriesOf(reference))[0]?.state === 'delivered');
    assert.equal(destination.submitted.length - before, 1);
    assert.equal((await h.deliveriesOf(reference))[0]?.attempts, 3);
  });

  it('fails with the reason when the client credentials are wrong', async () => {
    const wrong = await startFitConnectDestination();
    const other = await handoffHarness({ HANDOFF_MAX_ATTEMPTS: '1' });
    try {
      await other.addTarget({ kind: 'fitconnect', settings: settingsOf(wrong), clientSecret: 'not-the-secret' });
      const reference = await other.submit();
      await other.workUntil(async () => (await other.deliveriesOf(reference))[0]?.state === 'failed');
      assert.match((await other.deliveriesOf(reference))[0]?.last_error ?? '', /FIT-Connect token: HTTP 401/);
      assert.equal(wrong.submitted.length, 0);
    } finally {
      await other.close();
      await wrong.close();
    }
  });
});
