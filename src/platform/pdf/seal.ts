// The e-seal on generated documents: a PAdES signature (ETSI.CAdES.detached) from a PKCS#12 file.
// Production configures its own certificate; development generates a self-signed one once.
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { P12Signer } from '@signpdf/signer-p12';
import { SignPdf } from '@signpdf/signpdf';
import forge from 'node-forge';

export interface Seal {
  p12: Buffer;
  passphrase: string;
}

const DEV_PASSPHRASE = 'amtsweg-development-seal';

/** A self-signed seal certificate for development and tests (never used in production). */
export function generateDevelopmentSeal(organisation: string): Seal {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = crypto
    .randomBytes(8)
    .toString('hex')
    .replace(/^[89a-f]/, '1');
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 5 * 365 * 86_400_000);
  // forge writes attribute values byte by byte; a development seal keeps to ASCII (ä → ae).
  const ascii = (value: string) =>
    value
      .replace(/[äöüÄÖÜß]/g, (c) => ({ ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue', ß: 'ss' })[c] ?? c)
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]/g, '');
  const subject = [
    { name: 'commonName', value: ascii(`${organisation} Entwicklungssiegel`) },
    { name: 'organizationName', value: ascii(organisation) },
    { name: 'countryName', value: 'DE' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true },
  ]);
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  cert.sign(key, forge.md.sha256.create());
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, [cert], DEV_PASSPHRASE, { algorithm: '3des' });
  return { p12: Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary'), passphrase: DEV_PASSPHRASE };
}

export interface SealSettings {
  p12Path: string | undefined;
  passphrase: string;
  /** Where a development seal is kept between starts. */
  dataDir: string;
  organisation: string;
}

/** The configured seal, or in development a generated one stored in the data directory. */
export async function loadSeal(settings: SealSettings): Promise<Seal> {
  if (settings.p12Path) return { p12: await fs.readFile(settings.p12Path), passphrase: settings.passphrase };
  const file = path.join(settings.dataDir, 'dev-seal.p12');
  try {
    return { p12: await fs.readFile(file), passphrase: DEV_PASSPHRASE };
  } catch {
    const seal = generateDevelopmentSeal(settings.organisation);
    await fs.mkdir(settings.dataDir, { recursive: true });
    await fs.writeFile(file, seal.p12, { mode: 0o600 });
    return seal;
  }
}

/** Signs a PDF that carries a signature placeholder (see document.ts). */
export async function sealPdf(pdf: Buffer, seal: Seal): Promise<Buffer> {
  return new SignPdf().sign(pdf, new P12Signer(seal.p12, { passphrase: seal.passphrase }));
}
