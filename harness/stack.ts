/**
 * The whole product on one machine (dev/server.ts) for a test or a bench run: a free port, and its data,
 * certificates and add-in under one temporary folder (data/, certs/, addin/), as `npm start` keeps them under its own.
 */
import { join } from 'node:path';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '../dev/server';

export type StackInOptions = Omit<LocalStackOptions, 'port' | 'dataDir' | 'certDir' | 'addinDir'>;

export function startStackIn(dir: string, opts: StackInOptions = {}): Promise<LocalStack> {
  return startLocalStack({
    port: 0,
    dataDir: join(dir, 'data'),
    certDir: join(dir, 'certs'),
    addinDir: join(dir, 'addin'),
    ...opts,
  });
}
