// The e-seal on generated documents: a PAdES signature (ETSI.CAdES.detached) from a PKCS#12 file.
// Production configures its own certificate; development generates a self-signed one once.
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { SignPdf } from '@signpdf/signpdf';
import { Signer } from '@signpdf/utils';
import forge from 'node-forge';

export interface Seal {
  p12: Uint8Array;
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

interface OpenedSeal {
  certificates: forge.pki.Certificate[];
  certificate: forge.pki.Certificate;
  /** The private key for Node's native RSA. */
  keyPem: string;
}

/** Opened seals by the hash of file and passphrase (a seal may arrive as a copy, e.g. in a thread). */
const opened = new Map<string, OpenedSeal>();

function oid(name: string): string {
  const value = forge.pki.oids[name];
  if (!value) throw new Error(`unknown OID ${name}`);
  return value;
}

/** Reads the PKCS#12 once per seal: its key derivation and decryption are slow in JavaScript. */
function open(seal: Seal): OpenedSeal {
  const file = Buffer.from(seal.p12);
  const cacheKey = crypto.createHash('sha256').update(file).update(`\0${seal.passphrase}`).digest('hex');
  const cached = opened.get(cacheKey);
  if (cached) return cached;
  const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(file.toString('binary'))), false, seal.passphrase);
  const certificates = (p12.getBags({ bagType: oid('certBag') })[oid('certBag')] ?? []).flatMap((b: forge.pkcs12.Bag) => (b.cert ? [b.cert] : []));
  const key = p12.getBags({ bagType: oid('pkcs8ShroudedKeyBag') })[oid('pkcs8ShroudedKeyBag')]?.[0]?.key as forge.pki.rsa.PrivateKey | undefined;
  if (!key) throw new Error('the seal file holds no private key');
  const certificate = certificates.find((c: forge.pki.Certificate) => {
    const pub = c.publicKey as forge.pki.rsa.PublicKey;
    return pub.n.compareTo(key.n) === 0 && pub.e.compareTo(key.e) === 0;
  });
  if (!certificate) throw new Error('the seal file holds no certificate for its private key');
  const result = { certificates, certificate, keyPem: forge.pki.privateKeyToPem(key) };
  opened.set(cacheKey, result);
  return result;
}

// DER prefix of a SHA-256 DigestInfo: RSASSA-PKCS1-v1_5 signs this followed by the digest.
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

/** A detached CMS signature (adbe.pkcs7.detached, SHA-256) by the seal, with Node's native RSA. */
class SealSigner extends Signer {
  constructor(private readonly seal: OpenedSeal) {
    super();
  }

  override async sign(pdf: Buffer, signingTime?: Date): Promise<Buffer> {
    const p7 = forge.pkcs7.createSignedData();
    p7.content = forge.util.createBuffer(pdf.toString('binary'));
    for (const c of this.seal.certificates) p7.addCertificate(c);
    const keyPem = this.seal.keyPem;
    const nativeKey = {
      sign: (md: forge.md.MessageDigest) =>
        crypto
          .privateEncrypt(
            { key: keyPem, padding: crypto.constants.RSA_PKCS1_PADDING },
            Buffer.concat([SHA256_DIGEST_INFO, Buffer.from(md.digest().getBytes(), 'binary')]),
          )
          .toString('binary'),
    };
    p7.addSigner({
      key: nativeKey as unknown as forge.pki.rsa.PrivateKey,
      certificate: this.seal.certificate,
      digestAlgorithm: oid('sha256'),
      // This order of attributes is what EU validators expect for PAdES baseline signatures.
      authenticatedAttributes: [
        { type: oid('contentType'), value: oid('data') },
        { type: oid('signingTime'), value: (signingTime ?? new Date()) as unknown as string },
        { type: oid('messageDigest') },
      ],
    });
    p7.sign({ detached: true });
    return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary');
  }
}

/** Signs a PDF that carries a signature placeholder (see document.ts). */
export async function sealPdf(pdf: Buffer, seal: Seal): Promise<Buffer> {
  return new SignPdf().sign(pdf, new SealSigner(open(seal)));
}
