/**
 * Version numbers people can trust: the real `nianbao serve` (a child process, temporary DATA_DIR, free PORT, a rate
 * limit lowered so that it is met) takes 1,000 mixed submissions from 8 concurrent clients — accepted ones, ones
 * refused for errors or unconfirmed warnings, retries of the same key (some racing their own first try), throttled
 * ones honouring Retry-After — and is killed with SIGKILL in the middle, then started again on the same data. Every
 * submission not acknowledged is sent again with its key (a 409 — a claim of the killed server — is retried until its
 * lock lapses). Afterwards each report's stored numbers are exactly 1…N, N the number of distinct accepted reports,
 * each stored once under the number its answer gave, in the order they were stored; nothing refused was stored.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  acceptedReport,
  forget,
  freePort,
  https,
  pool,
  sha256,
  startServe,
  stopServe,
  Tally,
  type HttpAnswer,
  type Target,
} from './helpers';

jest.setTimeout(240_000);

const YEAR = 2021;
const AGENCIES = ['crash-a', 'crash-b', 'crash-c', 'crash-d'];
const TOTAL = 1000;
const KILL_AFTER_ACKS = 500;
/** Met often by 8 clients on 4 reports, so that throttled requests are part of the mix. */
const RATE = '10/1';
const [RATE_VERSIONS, RATE_SECONDS] = RATE.split('/').map(Number) as [number, number];

/** The most versions of one report stored within any window of the rate limit's length. */
function peakInWindow(times: readonly number[]): number {
  let peak = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= RATE_SECONDS * 1000) j++;
    peak = Math.max(peak, i - j + 1);
  }
  return peak;
}

type Kind = 'accepted' | 'confirmed' | 'error' | 'unconfirmed' | 'retry';

interface Submission {
  readonly i: number;
  readonly kind: Kind;
  readonly agency: string;
  readonly key: string;
  readonly body: Buffer;
  readonly headers: Record<string, string>;
  readonly sha: string;
  /** For retries: the submission whose key and body they repeat. */
  readonly of?: Submission;
  /** The version number of its 201 (first or replayed). */
  version?: number;
  /** The final answer's status. */
  status?: number;
}

const dir = mkdtempSync(join(tmpdir(), 'nianbao-crash-'));
let server: ChildProcess | undefined;
const tally = new Tally();

/** `nianbao serve` on the test's data, ready once the banner is out (it names the URL) and the API answers. */
async function serve(port: number): Promise<{ child: ChildProcess; target: Target }> {
  const started = await startServe(port, dir, { SUBMISSION_RATE: RATE });
  expect((await https(started.target, 'GET', '/')).status).toBe(200);
  return started;
}

afterAll(async () => {
  await stopServe(server);
  rmSync(dir, { recursive: true, force: true });
});

/** The mix: mostly new reports, some refused (errors, unconfirmed warnings), some confirmed, some retries. */
function plan(): Submission[] {
  const out: Submission[] = [];
  for (let i = 0; i < TOTAL; i++) {
    const agency = AGENCIES[i % AGENCIES.length]!;
    const roll = i % 20;
    const earlier = out.filter((s) => s.agency === agency && (s.kind === 'accepted' || s.kind === 'confirmed'));
    if (roll === 3 && earlier.length > 0) {
      const of = earlier[(i * 7) % earlier.length]!;
      out.push({ ...of, i, kind: 'retry', of });
      continue;
    }
    const report = acceptedReport(YEAR, `第${i}份`);
    let kind: Kind = 'accepted';
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (roll === 7 || roll === 15) {
      kind = 'error';
      report.values['t3.granted.natural'] = 99; // breaks the table's sums
    } else if (roll === 11 || roll === 17) {
      // No word on fees: a TEXT-FEE warning, confirmed for half of them.
      report.sections.other = `其他事项。（第${i}份）`;
      kind = roll === 11 ? 'unconfirmed' : 'confirmed';
      if (kind === 'confirmed') headers['x-confirm-warnings'] = 'all';
    }
    const body = Buffer.from(JSON.stringify(report));
    out.push({ i, kind, agency, key: `crash-${process.pid}-${i}`, body, headers, sha: sha256(body) });
  }
  return out;
}

test('1,000 mixed submissions, kill -9, restart, resend: each report numbered exactly 1…N', async () => {
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
  const submissions = plan();
  const send = (s: Submission): Promise<HttpAnswer> =>
    https(target, 'POST', '/api/reports', {
      token: tokens[s.agency],
      headers: { ...s.headers, 'idempotency-key': s.key },
      body: s.body,
    });
  let throttled = 0;
  let waitedForLock = 0;
  let replayed = 0;
  /** Sends until a final answer: Retry-After honoured on 429, a moment's wait on 409. */
  async function deliver(s: Submission, phase: string, deadline: number, lockWait = 200): Promise<void> {
    for (;;) {
      const r = await send(s);
      tally.add(`${phase}: ${s.kind}`, r.status);
      if (r.status === 429) {
        throttled++;
        expect(r.json.code).toBe('E-RATE-LIMIT');
        const wait = Number(r.headers['retry-after']);
        expect(wait).toBeGreaterThanOrEqual(1);
        await new Promise((res) => setTimeout(res, wait * 1000));
      } else if (r.status === 409) {
        expect(r.json.code).toBe('E-IDEMPOTENCY-IN-PROGRESS');
        waitedForLock++;
        await new Promise((res) => setTimeout(res, lockWait));
      } else {
        s.status = r.status;
        if (r.status === 201) {
          s.version = r.json.version as number;
          if (r.headers['idempotent-replayed'] === 'true') replayed++;
        }
        return;
      }
      if (Date.now() > deadline) throw new Error(`${s.key} (${s.kind}) found no answer in time`);
    }
  }

  // Until the server dies under us; one retry in four races its own first try.
  let acked = 0;
  let killed = false;
  const started = Date.now();
  await pool(submissions, 8, async (s) => {
    if (killed) return;
    const deadline = Date.now() + 60_000;
    const racing = s.kind === 'retry' && s.i % 4 === 3 ? [deliver({ ...s }, 'before the kill', deadline)] : [];
    const outcomes = await Promise.allSettled([deliver(s, 'before the kill', deadline), ...racing]);
    const failed = outcomes.find((o) => o.status === 'rejected');
    if (failed) {
      if (!killed) throw failed.reason;
      tally.add('before the kill: no answer', (failed.reason as NodeJS.ErrnoException).code ?? 'network error');
      s.status = undefined;
      s.version = undefined;
      return;
    }
    if (s.status === 201 && ++acked === KILL_AFTER_ACKS) {
      killed = true;
      child.kill('SIGKILL');
    }
  });
  expect(killed).toBe(true);
  await new Promise((r) =>
    child.exitCode !== null || child.signalCode !== null ? r(undefined) : child.once('exit', r),
  );
  expect(child.signalCode).toBe('SIGKILL');
  forget(target);
  const killedAfterMs = Date.now() - started;

  // The same data, the same port: every submission without a final answer is sent again with its key.
  ({ child, target } = await serve(port));
  server = child;
  const unanswered = submissions.filter((s) => s.status === undefined);
  await pool(unanswered, 8, (s) => deliver(s, 'after the restart', Date.now() + 120_000, 1000));

  // Every answer is what its kind calls for; retries answer with the version of the submission they repeat.
  for (const s of submissions) {
    if (s.kind === 'error' || s.kind === 'unconfirmed') expect(s.status).toBe(422);
    else expect(s.status).toBe(201);
  }
  for (const s of submissions.filter((x) => x.kind === 'retry')) expect(s.version).toBe(s.of!.version);

  let stored = 0;
  let peak = 0;
  for (const agency of AGENCIES) {
    // Listed newest first, a page at a time: every page, read oldest first.
    const versions: { version: number; submittedAt: string; source: { sha256: string } }[] = [];
    for (let cursor = ''; ;) {
      const r = await https(target, 'GET', `/api/reports/${agency}/${YEAR}/versions?limit=200${cursor}`, {
        token: tokens[agency],
      });
      expect(r.status).toBe(200);
      versions.unshift(...(r.json.versions as typeof versions).reverse());
      if (!r.json.next) break;
      cursor = `&cursor=${encodeURIComponent(r.json.next as string)}`;
    }
    const mine = submissions.filter((s) => s.agency === agency && (s.kind === 'accepted' || s.kind === 'confirmed'));
    // Exactly 1…N: no hole left by a refusal, a throttle, a retry or the kill.
    expect(versions.map((v) => v.version)).toEqual(Array.from({ length: mine.length }, (_, k) => k + 1));
    // Each accepted report once, under the number its answer gave; nothing refused.
    expect(versions.map((v) => v.source.sha256).sort()).toEqual(mine.map((s) => s.sha).sort());
    const bySha = new Map(versions.map((v) => [v.source.sha256, v.version]));
    for (const s of mine) expect(bySha.get(s.sha)).toBe(s.version);
    // Numbered in the order they were stored: no number appears later than one after it.
    const times = versions.map((v) => Date.parse(v.submittedAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    peak = Math.max(peak, peakInWindow(times));
    stored += versions.length;
  }
  const count = (k: Kind) => submissions.filter((s) => s.kind === k).length;
  process.stdout.write(
    `\ncrash: ${TOTAL} submissions (${count('accepted')} new, ${count('confirmed')} confirming warnings, ` +
      `${count('error')} with errors, ${count('unconfirmed')} with unconfirmed warnings, ${count('retry')} retries); ` +
      `killed after ${acked} acknowledged (${(killedAfterMs / 1000).toFixed(1)} s), ${unanswered.length} sent again; ` +
      `${throttled} answers 429, ${waitedForLock} answers 409, ${replayed} replays; ${stored} versions, numbered 1…N per report; ` +
      `at most ${peak} versions of a report within ${RATE_SECONDS} s (limit ${RATE_VERSIONS})\n`,
  );
  tally.print('crash: requests and answers');
  // The limit held: a window never took more than the limit and the requests racing past one check (8 clients).
  // Racing requests each count the window before the others' versions are stored, so a window may go over the limit
  // with no request refused (CI of 7260edc: 11 in a second, no 429, in the burst sent again after the kill); the
  // limiter's own answers are tested in test/functions/rateLimit.
  expect(peak).toBeLessThanOrEqual(RATE_VERSIONS + 8);
  expect(tally.allStatuses().every((s) => s < 500)).toBe(true);
});
