/**
 * Reviewable history (issue 13 item 5): every version records who sent it (user id, agency), when, the hash of what
 * was sent and of the report as read, and the client it came from; the agency and administrators list them, others
 * cannot.
 */
import { createHash } from 'node:crypto';
import { CLIENT_HEADER } from '../../contract/headers';
import type { VersionSummary } from '../../contract/answers';
import { consistentReport, newKey, startRepository, type TestRepository } from './helpers';

let repo: TestRepository;
beforeAll(async () => {
  repo = await startRepository('history');
});
afterAll(() => repo.close());

const AGENCY = 'history-agency';
const YEAR = 2023;
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function report(note: string) {
  const r = consistentReport(YEAR);
  r.sections.other = `本年度未收取信息处理费。${note}`;
  return r;
}

test('who, when, what (bytes and report) and which client, for every version; listed for the agency and admins', async () => {
  const clerk = await repo.token({ agency: AGENCY });
  const colleague = await repo.token({ agency: AGENCY });
  const admin = await repo.token({ admin: true });
  const send = (token: string, body: Buffer, client?: string, query = '') =>
    repo.request('POST', `/api/reports${query}`, {
      token,
      body,
      headers: {
        'content-type': 'application/json',
        'idempotency-key': newKey('h'),
        ...(client !== undefined ? { [CLIENT_HEADER]: client } : {}),
      },
    });
  const first = Buffer.from(JSON.stringify(report('第一版。')));
  // The same report as the first, laid out differently: other bytes, the same report as read.
  const sameAgain = Buffer.from(JSON.stringify(report('第一版。'), null, 2));
  const sent: { body: Buffer; token: string; client?: string; query?: string }[] = [
    { body: first, token: clerk, client: 'addin/1.4.0' },
    { body: Buffer.from(JSON.stringify(report('第二版。'))), token: colleague, client: 'cli/0.1.0' },
    { body: Buffer.from(JSON.stringify(report('第三版。'))), token: clerk, client: 'web' },
    { body: sameAgain, token: admin, client: 'curl/8.5', query: `?agency=${AGENCY}` },
    { body: Buffer.from(JSON.stringify(report('第五版。'))), token: clerk },
  ];
  const started = Date.now();
  const answers = [];
  for (const s of sent) answers.push(await send(s.token, s.body, s.client, s.query));
  expect(answers.map((a) => [a.status, a.json.version])).toEqual([1, 2, 3, 4, 5].map((v) => [201, v]));

  const asAgency = await repo.request('GET', `/api/reports/${AGENCY}/${YEAR}/versions`, { token: clerk });
  const asAdmin = await repo.request('GET', `/api/reports/${AGENCY}/${YEAR}/versions`, { token: admin });
  expect(asAgency.status).toBe(200);
  expect(asAdmin.json.versions).toEqual(asAgency.json.versions);
  // Newest first (a page at a time, below); read here oldest first.
  expect((asAgency.json.versions as VersionSummary[]).map((v) => v.version)).toEqual([5, 4, 3, 2, 1]);
  expect(asAgency.json.next).toBeUndefined();
  const versions = [...(asAgency.json.versions as VersionSummary[])].reverse();

  // Who: the token's user and agency (an administrator acting for the agency is recorded as the administrator).
  const users = versions.map((v) => v.submittedBy);
  expect(users[0]).toMatchObject({ agency: AGENCY, admin: false });
  expect(users[0]!.sub).toEqual(expect.any(String));
  expect(users[1]).toMatchObject({ agency: AGENCY, admin: false });
  expect(users[3]).toMatchObject({ admin: true });
  expect(users[3]!.sub).not.toBe(users[0]!.sub);
  expect(users[4]!.sub).toBe(users[0]!.sub);

  // When: in the order stored, within this test.
  const times = versions.map((v) => Date.parse(v.submittedAt));
  expect([...times].sort((a, b) => a - b)).toEqual(times);
  expect(times[0]).toBeGreaterThanOrEqual(started - 1000);
  expect(times[4]).toBeLessThanOrEqual(Date.now() + 1000);

  // What: the bytes sent, and the report as read (the same report in other bytes has the same content hash).
  expect(versions.map((v) => v.source.sha256)).toEqual(sent.map((s) => sha256(s.body)));
  expect(versions.map((v) => v.source.bytes)).toEqual(sent.map((s) => s.body.length));
  const content = versions.map((v) => v.contentSha256);
  expect(content.every((h) => /^[0-9a-f]{64}$/.test(h ?? ''))).toBe(true);
  expect(content[3]).toBe(content[0]);
  expect(new Set(content).size).toBe(4);

  // Which client: as its request said, with its version; anything else (or nothing) is `other`.
  expect(versions.map((v) => v.client)).toEqual([
    { kind: 'addin', version: '1.4.0' },
    { kind: 'cli', version: '0.1.0' },
    { kind: 'web' },
    { kind: 'other' },
    { kind: 'other' },
  ]);
  // The answer to each submission said the same as the history does.
  expect(answers.map((a) => a.json.client)).toEqual(versions.map((v) => v.client));

  // A page at a time: pages of two follow `next` to the first version, and join to the whole list.
  const list = (q: string) => repo.request('GET', `/api/reports/${AGENCY}/${YEAR}/versions${q}`, { token: clerk });
  const pages: number[][] = [];
  let page = await list('?limit=2');
  for (;;) {
    expect(page.status).toBe(200);
    expect(page.json.review).toEqual(asAgency.json.review);
    expect(page.json.publication).toEqual(asAgency.json.publication);
    pages.push((page.json.versions as VersionSummary[]).map((v) => v.version));
    if (!page.json.next) break;
    page = await list(`?limit=2&cursor=${encodeURIComponent(page.json.next as string)}`);
  }
  expect(pages).toEqual([[5, 4], [3, 2], [1]]);
  // A page that ends with the last version says no more (no empty page after it).
  expect((await list('?limit=5')).json.next).toBeUndefined();
  expect(((await list('?limit=4')).json.versions as VersionSummary[]).map((v) => v.version)).toEqual([5, 4, 3, 2]);
  // Limits and cursors that are not the server's are the client's mistake.
  for (const q of [
    '?limit=0',
    '?limit=201',
    '?limit=x',
    '?cursor=garbled!',
    '?cursor=QUJD',
    `?cursor=${'A'.repeat(40)}`,
  ]) {
    const refused = await list(q);
    expect({ q, status: refused.status, code: refused.json.code }).toEqual({ q, status: 400, code: 'E-PARAM-INVALID' });
  }

  // Nobody else lists them.
  const stranger = await repo.token({ agency: 'history-other' });
  expect((await repo.request('GET', `/api/reports/${AGENCY}/${YEAR}/versions`, { token: stranger })).status).toBe(403);
  expect((await repo.request('GET', `/api/reports/${AGENCY}/${YEAR}/versions`)).status).toBe(401);
}, 60_000);
