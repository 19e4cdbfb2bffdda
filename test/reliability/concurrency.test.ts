/**
 * Concurrency: two clerks of one agency and an administrator work on the same year at once, over HTTPS against the
 * local stack — submissions (accepted and refused), reads of the report and its versions, publish of any version
 * and withdrawal, the year's listing. Afterwards nothing is lost: every accepted submission is a version (each
 * number once, by the clerk who sent it), every refused one left nothing, every decision is in the history exactly
 * once and in order, and the public page shows what the last decision and the latest version say it should.
 */
import { publishedPaths } from '../../contract/published';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { devKey, signDevToken } from '../../dev/devAuth';
import { startLocalStack, type LocalStack } from '../../dev/server';
import { publicationOf, table, type Decision, type VersionMeta } from '../../functions/store';
import { keys } from '../../functions/store/table';
import { acceptedReport, clerkToken, https, forget, sha256, Tally, type Target } from './helpers';

jest.setTimeout(120_000);

const AGENCY = 'conc-agency';
const YEAR = 2021;
const PER_CLERK = 30;
const ADMIN_OPS = 40;

const dir = mkdtempSync(join(tmpdir(), 'nianbao-conc-'));
let stack: LocalStack;
let target: Target;
const tally = new Tally();

beforeAll(async () => {
  stack = await startLocalStack({
    port: 0,
    dataDir: join(dir, 'data'),
    certDir: join(dir, 'certs'),
    addinDir: join(dir, 'addin'),
    tableName: 'conc-test',
    handlerLogLevel: 'SILENT',
    // Scripted clerks submit far faster than people can: the rate limit is not what this test is about.
    submissionRate: { versions: 64, windowSeconds: 1 },
  });
  target = { url: stack.url, ca: stack.certs.ca };
});
afterAll(async () => {
  forget(target);
  await stack?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Accepted {
  readonly clerk: string;
  readonly sha: string;
  readonly version: number;
}

interface Decided {
  readonly action: 'publish' | 'withdraw';
  readonly version?: number;
  readonly reason: string;
}

test('two clerks and an admin on one agency-year at once: nothing lost, history complete', async () => {
  const key = await devKey(join(dir, 'data'));
  const clerks = {
    li: await clerkToken(key, { agency: AGENCY, username: 'li-clerk' }),
    wang: await clerkToken(key, { agency: AGENCY, username: 'wang-clerk' }),
  };
  const admin = await signDevToken(key, { admin: true });
  const accepted: Accepted[] = [];
  const refused: string[] = [];
  const decided: Decided[] = [];
  const seenVersions = new Set<number>();

  async function clerk(name: keyof typeof clerks): Promise<void> {
    const token = clerks[name];
    for (let i = 0; i < PER_CLERK; i++) {
      const report = acceptedReport(YEAR, `${name}-${i}`);
      // Every fifth breaks a table sum: refused, nothing stored.
      const broken = i % 5 === 4;
      if (broken) report.values['t3.granted.natural'] = 99;
      const body = Buffer.from(JSON.stringify(report));
      const r = await https(target, 'POST', '/api/reports', {
        token,
        headers: { 'content-type': 'application/json', 'idempotency-key': `${name}-${i}-${process.pid}` },
        body,
      });
      tally.add(broken ? 'clerk submits (table error)' : 'clerk submits', r.status);
      if (broken) {
        expect(r.status).toBe(422);
        expect(r.json.code).toBe('E-REPORT-ERRORS');
        refused.push(sha256(body));
      } else {
        expect(r.status).toBe(201);
        accepted.push({ clerk: name, sha: sha256(body), version: r.json.version });
        seenVersions.add(r.json.version as number);
      }
      const read = await https(
        target,
        'GET',
        i % 2 ? `/api/reports/${AGENCY}/${YEAR}` : `/api/reports/${AGENCY}/${YEAR}/versions`,
        { token },
      );
      tally.add('clerk reads', read.status);
      // Read after this clerk's first submission, which was accepted: there is always a report to read.
      expect(read.status).toBe(200);
    }
  }

  async function administrator(): Promise<void> {
    for (let i = 0; i < ADMIN_OPS; i++) {
      const op = i % 4;
      if (op === 3) {
        const r = await https(target, 'GET', `/api/reports?year=${YEAR}`, { token: admin });
        tally.add('admin lists the year', r.status);
        expect(r.status).toBe(200);
        continue;
      }
      const known = [...seenVersions];
      if (known.length === 0) {
        await new Promise((r) => setTimeout(r, 50));
        continue;
      }
      const reason = `决定-${i}-${process.pid}`;
      if (op === 2) {
        const r = await https(target, 'POST', `/api/reports/${AGENCY}/${YEAR}/withdraw`, {
          token: admin,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ reason }),
        });
        tally.add('admin withdraws', r.status);
        expect(r.status).toBe(200);
        decided.push({ action: 'withdraw', reason });
      } else {
        const version = known[Math.floor(Math.random() * known.length)]!;
        const r = await https(target, 'POST', `/api/reports/${AGENCY}/${YEAR}/versions/${version}/publish`, {
          token: admin,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ reason }),
        });
        tally.add('admin publishes a version', r.status);
        expect(r.status).toBe(200);
        decided.push({ action: 'publish', version, reason });
      }
      const page = await https(target, 'GET', publishedPaths.report(AGENCY, YEAR));
      tally.add('public reads the page', page.status);
      expect([200, 410]).toContain(page.status);
    }
  }

  await Promise.all([clerk('li'), clerk('wang'), administrator()]);

  // Versions: exactly the accepted submissions, each once, by its clerk, numbered 1…n without a repeat.
  const listed = await https(target, 'GET', `/api/reports/${AGENCY}/${YEAR}/versions?limit=200`, { token: admin });
  expect(listed.json.next).toBeUndefined();
  // Listed newest first: read oldest first.
  const versions = [...(listed.json.versions as (VersionMeta & { submittedBy: { username?: string } })[])].reverse();
  expect(versions.map((v) => v.version)).toEqual(Array.from({ length: accepted.length }, (_, i) => i + 1));
  const bySha = new Map(versions.map((v) => [v.source.sha256, v]));
  expect(bySha.size).toBe(accepted.length);
  for (const a of accepted) {
    expect(bySha.get(a.sha)?.version).toBe(a.version);
    expect(bySha.get(a.sha)?.submittedBy.username).toBe(`${a.clerk}-clerk`);
  }
  for (const sha of refused) expect(bySha.has(sha)).toBe(false);

  // Decisions: every one acknowledged is in the history once, numbered 1…n in the order they were made.
  const items = (
    await table().db.query({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :d)',
      ExpressionAttributeValues: { ':pk': keys.report(AGENCY, YEAR), ':d': keys.decisionPrefix },
      ConsistentRead: true,
    })
  ).Items as unknown as Decision[];
  expect(items.map((d) => d.decision)).toEqual(Array.from({ length: decided.length }, (_, i) => i + 1));
  expect(items.map((d) => d.reason).sort()).toEqual(decided.map((d) => d.reason).sort());
  for (const d of items) {
    const mine = decided.find((x) => x.reason === d.reason)!;
    expect(d.action).toBe(mine.action);
    if (mine.action === 'publish') expect(d.version).toBe(mine.version);
    expect(d.decidedBy.admin).toBe(true);
  }

  // What the public sees follows from the latest version and the last decision.
  const last = items[items.length - 1];
  const latest = versions[versions.length - 1]!;
  const expected = publicationOf(latest, last);
  const page = await https(target, 'GET', publishedPaths.report(AGENCY, YEAR));
  if (expected.state === 'withdrawn') expect(page.status).toBe(410);
  else {
    expect(page.status).toBe(200);
    expect(page.text).toContain(`第 ${expected.state === 'published' ? expected.version : '?'} 版`);
  }
  process.stdout.write(
    `\nconcurrency: ${accepted.length} versions by two clerks, ${refused.length} refused, ${decided.length} decisions; public state: ${expected.state}\n`,
  );
  tally.print('concurrency: requests and answers');
  expect(tally.allStatuses().every((s) => s < 500)).toBe(true);
});
