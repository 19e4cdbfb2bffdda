/** Where the local stack keeps its things: the project's .data/ and .certs/ (both gitignored), dist/addin/. */
import { join, resolve } from 'node:path';

export const PROJECT_ROOT = resolve(__dirname, '..');
export const DEFAULT_PORT = 3000;

export interface LocalPaths {
  /** dynalite's files and the dev signing key; DATA_DIR overrides. */
  readonly dataDir: string;
  /** The development CA and localhost certificate; CERT_DIR overrides. */
  readonly certDir: string;
  readonly addinDir: string;
}

export function localPaths(env: NodeJS.ProcessEnv = process.env): LocalPaths {
  return {
    dataDir: resolve(env.DATA_DIR ?? join(PROJECT_ROOT, '.data')),
    certDir: resolve(env.CERT_DIR ?? join(PROJECT_ROOT, '.certs')),
    addinDir: join(PROJECT_ROOT, 'dist', 'addin'),
  };
}

export function localPort(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.PORT);
  return Number.isInteger(n) && n > 0 && n < 65536 ? n : DEFAULT_PORT;
}
