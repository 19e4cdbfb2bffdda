/**
 * The local HTTPS certificate: a development CA and a localhost certificate made with office-addin-dev-certs'
 * generator into a project folder (.certs/). Nothing is installed into the system's certificate store: trusting
 * the CA (for Excel, for a browser) is the developer's own step, printed by `npm start`.
 */
import { X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export interface DevCertificates {
  readonly caPath: string;
  readonly certPath: string;
  readonly keyPath: string;
  readonly ca: Buffer;
  readonly cert: Buffer;
  readonly key: Buffer;
  readonly validTo: Date;
}

export const CERT_FILES = { ca: 'ca.crt', cert: 'localhost.crt', key: 'localhost.key' } as const;
const VALID_DAYS = 365;
/** Renewed when it has less than this left. */
const RENEW_MS = 7 * 24 * 3600 * 1000;

function read(dir: string): DevCertificates | undefined {
  const caPath = join(dir, CERT_FILES.ca);
  const certPath = join(dir, CERT_FILES.cert);
  const keyPath = join(dir, CERT_FILES.key);
  if (![caPath, certPath, keyPath].every((p) => existsSync(p))) return undefined;
  const cert = readFileSync(certPath);
  const validTo = new Date(new X509Certificate(cert).validTo);
  return { caPath, certPath, keyPath, ca: readFileSync(caPath), cert, key: readFileSync(keyPath), validTo };
}

/** The certificates in `dir`, generated (or renewed near expiry) when needed. */
export async function ensureDevCertificates(dir: string): Promise<DevCertificates & { generated: boolean }> {
  const existing = read(dir);
  if (existing && existing.validTo.getTime() - Date.now() > RENEW_MS) return { ...existing, generated: false };
  mkdirSync(dir, { recursive: true });
  for (const f of Object.values(CERT_FILES)) rmSync(join(dir, f), { force: true });
  // The generator module only (the package's main entry also loads its installer, which we never use).
  const { generateCertificates } =
    (await import('office-addin-dev-certs/lib/generate')) as typeof import('office-addin-dev-certs/lib/generate');
  const log = console.log;
  console.log = () => undefined; // it announces itself on stdout; `serve` prints its own summary
  try {
    await generateCertificates(
      join(dir, CERT_FILES.ca),
      join(dir, CERT_FILES.cert),
      join(dir, CERT_FILES.key),
      VALID_DAYS,
      ['localhost', '127.0.0.1', '::1'],
    );
  } finally {
    console.log = log;
  }
  chmodSync(join(dir, CERT_FILES.key), 0o600); // the generator leaves the private key world-readable
  const made = read(dir);
  if (!made) throw new Error(`certificates were not written to ${dir}`);
  return { ...made, generated: true };
}
