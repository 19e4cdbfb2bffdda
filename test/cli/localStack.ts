/**
 * For tests that run CLI commands in process against a local stack of their own (HTTPS, the adapter, dynalite in
 * a temporary folder): the stack, started before the file's tests with DATA_DIR and CERT_DIR pointing at it (as
 * `npm start` would leave them) and put back afterwards; and a command run with its output captured.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalStack } from '../../dev/server';
import { startStackIn } from '../../harness/stack';

export interface CliStack {
  /** The running stack (set once beforeAll has run). */
  readonly stack: LocalStack;
  /** The test's temporary folder; the stack's data and certificates are under it. */
  readonly dir: string;
}

/** Starts a stack in beforeAll and closes it (and removes its folder) in afterAll. */
export function useCliStack(prefix: string): CliStack {
  const dir = mkdtempSync(join(tmpdir(), `nianbao-${prefix}-`));
  const saved = { DATA_DIR: process.env.DATA_DIR, CERT_DIR: process.env.CERT_DIR };
  let stack: LocalStack | undefined;
  beforeAll(async () => {
    process.env.DATA_DIR = join(dir, 'data');
    process.env.CERT_DIR = join(dir, 'certs');
    stack = await startStackIn(dir, { handlerLogLevel: 'SILENT' });
  });
  afterAll(async () => {
    await stack?.close();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    dir,
    get stack() {
      if (!stack) throw new Error('the local stack starts in beforeAll');
      return stack;
    },
  };
}

/** Runs one command's entry with its stdout and stderr captured. */
export async function captured(run: () => Promise<number>): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = jest.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = jest.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    return { code: await run(), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}
