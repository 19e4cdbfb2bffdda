/**
 * Crash: the real `nianbao serve` (a child process, temporary DATA_DIR, free PORT) is killed with SIGKILL in the
 * middle of 300 submissions from 8 concurrent clients, then started again on the same data. Every submission not
 * acknowledged is sent again with its original Idempotency-Key (a 409 — a claim of the killed server — is retried
 * until its lock lapses). Afterwards every submission is stored exactly once, every acknowledged one under the
 * version number it was given, and no two versions share a number.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { forget, freePort, https, acceptedReport, pool, sha256, Tally, type Target } from './helpers';

jest.setTimeout(180_000);

const ROOT = resolve(__dirname, '../..');
const YEAR = 2021;
const AGENCIES = ['crash-a', 'crash-b', 'crash-c'];
const TOTAL = 300;
const KILL_AFTER_ACKS = 110;

interface Submission {
  readonly i: number;
  readonly agency: string;
  readonly key: string;
  readonly body: Buffer;
  readonly sha: string;
  /** The version number of the 201 (first or replayed). */
  version?: number;
  ackedBeforeCrash?: boolean;
}

const dir = mkdtempSync(join(tmpdir(), 'nianbao-crash-'));
const env = {
  ...process.env,
  DATA_DIR: join(dir, 'data'),
  CERT_DIR: join(dir, 'certs'),
  POWERTOOLS_LOG_LEVEL: 'ERROR',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};
let server: ChildProcess | undefined;
const tally = new Tally();

async function serve(port: number): Promise<{ child: ChildProcess; target: Target }> {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'bin', 'nianbao.cjs'), 'serve', '--no-build', '--quiet', '--port', String(port)],
    { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const deadline = Date.now() + 60_000;
  // Ready once the banner is out (it names the URL) and the API answers.
  while (!out.includes(`https://localhost:${port}`)) {
    if (child.exitCode !== null) throw new Error(`nianbao serve exited (${child.exitCode}): ${out}`);
    if (Date.now() > deadline) throw new Error(`nianbao serve did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const target = { url: `https://localhost:${port}`, ca: readFileSync(join(env.CERT_DIR, 'ca.crt')) };
  expect((await https(target, 'GET', '/')).status).toBe(200);
  return { child, target };
}

afterAll(async () => {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => server!.once('exit', r));
  }
  rmSync(dir, { recursive: true, force: true });
});

test('kill -9 during 300 submissions, restart, resend the unacknowledged: each stored once, numbers unique', async () => {
  const port = await freePort();
  let { child, target } = await serve(port);
  server = child;
  const tokens: Record<string, string> = {};
  for (const agency of AGENCIES) {
    const r = await https(target, 'POST', '/api/dev/token', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ agency }),
    });
    expect(r.status).toBe(200);
    tokens[agency] = r.json.token as string;
  }
  const submissions: Submission[] = Array.from({ length: TOTAL }, (_, i) => {
    const agency = AGENCIES[i % AGENCIES.length]!;
    const body = Buffer.from(JSON.stringify(acceptedReport(YEAR, `第${i}份`)));
    return { i, agency, key: `crash-${process.pid}-${i}`, body, sha: sha256(body) };
  });
  const send = (s: Submission) =>
    https(target, 'POST', '/api/reports', {
      token: tokens[s.agency],
      headers: { 'content-type': 'application/json', 'idempotency-key': s.key },
      body: s.body,
    });

  // Run until the server dies under us.
  let acked = 0;
  let killed = false;
  let inFlightAtKill = 0;
  let inFlight = 0;
  await pool(submissions, 8, async (s) => {
    if (killed) return;
    inFlight++;
    try {
      const r = await send(s);
      tally.add('before the crash', r.status);
      if (r.status === 201) {
        s.version = r.json.version as number;
        s.ackedBeforeCrash = true;
        if (++acked === KILL_AFTER_ACKS) {
          inFlightAtKill = inFlight - 1;
          killed = true;
          child.kill('SIGKILL');
        }
      }
    } catch (e) {
      tally.add('before the crash', (e as NodeJS.ErrnoException).code ?? 'network error');
    } finally {
      inFlight--;
    }
  });
  expect(killed).toBe(true);
  await new Promise((r) =>
    child.exitCode !== null || child.signalCode !== null ? r(undefined) : child.once('exit', r),
  );
  expect(child.signalCode).toBe('SIGKILL');
  forget(target);

  // The same data, the same port: resend every submission without an acknowledgement, with its key.
  ({ child, target } = await serve(port));
  server = child;
  const unacknowledged = submissions.filter((s) => s.version === undefined);
  let replayed = 0;
  let waitedForLock = 0;
  const deadline = Date.now() + 90_000;
  await pool(unacknowledged, 8, async (s) => {
    for (;;) {
      const r = await send(s);
      tally.add('resent after restart', r.status);
      if (r.status === 201) {
        s.version = r.json.version as number;
        if (r.headers['idempotent-replayed'] === 'true') replayed++;
        return;
      }
      // A claim the killed server held: retry until its lock lapses.
      expect(r.status).toBe(409);
      expect(r.json.code).toBe('E-IDEMPOTENCY-IN-PROGRESS');
      waitedForLock++;
      if (Date.now() > deadline) throw new Error(`${s.key} still blocked`);
      await new Promise((res) => setTimeout(res, 1000));
    }
  });
  // The acknowledged ones, asked again, answer with the same version (nothing stored twice).
  for (const s of submissions.filter((x) => x.ackedBeforeCrash).slice(0, 30)) {
    const r = await send(s);
    tally.add('acknowledged, sent again', r.status);
    expect(r.status).toBe(201);
    expect(r.headers['idempotent-replayed']).toBe('true');
    expect(r.json.version).toBe(s.version);
  }

  for (const agency of AGENCIES) {
    const r = await https(target, 'GET', `/api/reports/${agency}/${YEAR}/versions`, { token: tokens[agency] });
    expect(r.status).toBe(200);
    const versions = r.json.versions as { version: number; source: { sha256: string } }[];
    const numbers = versions.map((v) => v.version);
    expect(new Set(numbers).size).toBe(numbers.length);
    const mine = submissions.filter((s) => s.agency === agency);
    // Exactly the submissions of this agency, each once, each under the number its answer gave.
    expect(versions.map((v) => v.source.sha256).sort()).toEqual(mine.map((s) => s.sha).sort());
    const bySha = new Map(versions.map((v) => [v.source.sha256, v.version]));
    for (const s of mine) expect(bySha.get(s.sha)).toBe(s.version);
  }
  process.stdout.write(
    `\ncrash: ${TOTAL} submissions, killed after ${acked} acknowledged with ${inFlightAtKill} in flight; ` +
      `${unacknowledged.length} resent (${replayed} found stored before the kill, ${waitedForLock} answers 409 while a dead claim held its lock); all ${TOTAL} stored once\n`,
  );
  tally.print('crash: requests and answers');
  expect(tally.allStatuses().every((s) => s < 500)).toBe(true);
});
