/**
 * Shared by the reliability tests: HTTPS requests to a running local stack (harness/https.ts), the real
 * `nianbao serve` as a child process, reports that are accepted (each one different), tokens for named clerks, free
 * ports, and a tally of what was tried.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { SignJWT } from 'jose';
import { CLAIMS } from '../../contract/auth';
import { DEV_AUDIENCE, DEV_ISSUER, type DevKey } from '../../dev/devAuth';
import { consistentReport } from '../functions/helpers';
import type { Report } from '../../report/model/types';

import type { Target } from '../../harness/https';

export { forget, https, type HttpAnswer, type Target } from '../../harness/https';

const ROOT = resolve(__dirname, '../..');

/** A free TCP port on loopback (released again: the caller binds it right after). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts the real `nianbao serve` (a child process, as a person runs it) on `port`, its data and certificates in
 * `dir`, with `env` added to the environment; resolves once its banner names the URL (within 90 s).
 */
export async function startServe(
  port: number,
  dir: string,
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; target: Target }> {
  const certDir = join(dir, 'certs');
  const child = spawn(
    process.execPath,
    [join(ROOT, 'bin', 'nianbao.cjs'), 'serve', '--no-build', '--quiet', '--port', String(port)],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        DATA_DIR: join(dir, 'data'),
        CERT_DIR: certDir,
        POWERTOOLS_LOG_LEVEL: 'ERROR',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const deadline = Date.now() + 90_000;
  while (!out.includes(`https://localhost:${port}`)) {
    if (child.exitCode !== null) throw new Error(`nianbao serve exited (${child.exitCode}): ${out}`);
    if (Date.now() > deadline) throw new Error(`nianbao serve did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, target: { url: `https://localhost:${port}`, ca: readFileSync(join(certDir, 'ca.crt')) } };
}

/** Stops a `nianbao serve` child still running (SIGTERM) and waits for it to exit. */
export async function stopServe(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

/** An accepted report (no errors, no warnings) for the year, told apart from every other by `marker`. */
export function acceptedReport(year: number, marker: string, agencyName = '测试市人力资源和社会保障局'): Report {
  const r = consistentReport(year, agencyName);
  r.sections.other = `${r.sections.other}（${marker}）`;
  return r;
}

export const sha256 = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

/** A token as Cognito would issue one to a named clerk of an agency, signed with the local stack's dev key. */
export function clerkToken(key: DevKey, who: { agency: string; username: string; admin?: boolean }): Promise<string> {
  return new SignJWT({
    token_use: 'id',
    [CLAIMS.username]: who.username,
    [CLAIMS.agency]: who.agency,
    ...(who.admin ? { [CLAIMS.groups]: ['admins'] } : {}),
  })
    .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'JWT' })
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setSubject(`clerk:${who.username}`)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(key.privateKey);
}

/** Runs `fn` over items with at most `limit` at once. */
export async function pool<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T, i: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i]!, i);
      }
    }),
  );
}

/** Counts per category and the status codes seen, printed at the end of a suite. */
export class Tally {
  private readonly rows = new Map<string, { cases: number; statuses: Map<string, number> }>();

  add(category: string, status: number | string): void {
    let row = this.rows.get(category);
    if (!row) this.rows.set(category, (row = { cases: 0, statuses: new Map() }));
    row.cases++;
    row.statuses.set(String(status), (row.statuses.get(String(status)) ?? 0) + 1);
  }

  cases(category: string): number {
    return this.rows.get(category)?.cases ?? 0;
  }

  statuses(category: string): string[] {
    return [...(this.rows.get(category)?.statuses.keys() ?? [])];
  }

  /** Every status seen in every category. */
  allStatuses(): number[] {
    return [...new Set([...this.rows.values()].flatMap((r) => [...r.statuses.keys()]))]
      .map(Number)
      .filter((n) => !Number.isNaN(n));
  }

  print(title: string): void {
    const lines = [...this.rows].map(([category, r]) => {
      const statuses = [...r.statuses]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([s, n]) => `${s}×${n}`)
        .join(' ');
      return `  ${category.padEnd(46)} ${String(r.cases).padStart(5)}  ${statuses}`;
    });
    process.stdout.write(
      `\n${title}\n  ${'category'.padEnd(46)} ${'cases'.padStart(5)}  status codes\n${lines.join('\n')}\n`,
    );
  }
}
