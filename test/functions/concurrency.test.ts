/** Deadline day: many clerks of one agency submitting the same year at once. */
import { publishedPaths } from '../../contract/published';
import { KEY, keys, putBlob, putVersion, sha256Hex, table } from '../../functions/store';
import { listVersions } from './wholeHistory';
import { configureFunctions, readEnv } from '../../functions/env';
import { consistentReport, newKey, startRepository, type TestRepository } from './helpers';

let repo: TestRepository;
beforeAll(async () => {
  repo = await startRepository('concurrency');
  // Fifty at once for one report is a load test, not a clerk: the rate limit is tested in rateLimit.test.ts.
  configureFunctions({ ...readEnv(), submissionRate: { versions: 64, windowSeconds: 1 } });
});
afterAll(() => repo.close());

test('50 concurrent submissions for one agency and year get 50 distinct versions 1..50, none lost', async () => {
  const token = await repo.token({ agency: 'busy-agency' });
  const reports = Array.from({ length: 50 }, (_, i) => {
    const r = consistentReport(2021);
    r.sections.other = `本年度未收取信息处理费。提交 ${i}。`;
    return r;
  });
  const answers = await Promise.all(
    reports.map((body) =>
      repo.request('POST', '/api/reports', { token, body, headers: { 'idempotency-key': newKey('c') } }),
    ),
  );
  expect(answers.map((a) => a.status)).toEqual(Array(50).fill(201));
  const numbers = answers.map((a) => a.json.version as number).sort((a, b) => a - b);
  expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));

  // Each stored version holds exactly the report its submitter sent.
  const stored = await listVersions('busy-agency', 2021);
  expect(stored.map((v) => v.version)).toEqual(numbers);
  for (const a of answers) {
    const v = await repo.request('GET', `/api/reports/busy-agency/2021/versions/${a.json.version}`, { token });
    expect(v.json.source.sha256).toBe(a.json.source.sha256);
  }
  const texts = new Set(
    await Promise.all(
      stored.map(
        async (v) =>
          (await repo.request('GET', `/api/reports/busy-agency/2021/versions/${v.version}`, { token })).json.report
            .sections.other,
      ),
    ),
  );
  expect(texts.size).toBe(50);

  // "Latest" is the highest version, and the public sees it.
  const latest = await repo.request('GET', '/api/reports/busy-agency/2021', { token });
  expect(latest.json.version).toBe(50);
  expect(latest.json.publication).toMatchObject({ state: 'published', version: 50 });
}, 60_000);

test("an older partition's COUNTER (numbers handed out by earlier code) is ignored: numbers follow the highest version", async () => {
  const token = await repo.token({ agency: 'restored-agency' });
  const send = (i: number) => {
    const r = consistentReport(2022);
    r.sections.other = `本年度未收取信息处理费。恢复 ${i}。`;
    return repo.request('POST', '/api/reports', { token, body: r, headers: { 'idempotency-key': newKey('r') } });
  };
  for (let i = 0; i < 3; i++) expect((await send(i)).status).toBe(201);
  // Earlier code reserved numbers on a COUNTER item; one that ran ahead of the versions (its holes) is not followed.
  await table().db.update({
    Key: { [KEY.partition]: keys.report('restored-agency', 2022), [KEY.sort]: keys.counter },
    UpdateExpression: 'SET versions = :ten',
    ExpressionAttributeValues: { ':ten': 10 },
  });
  const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => send(10 + i)));
  expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));
  expect(answers.map((a) => a.json.version).sort((a, b) => a - b)).toEqual([4, 5, 6, 7, 8, 9, 10, 11]);
  expect((await listVersions('restored-agency', 2022)).map((v) => v.version)).toEqual(
    Array.from({ length: 11 }, (_, i) => i + 1),
  );
}, 60_000);

test('a submission that dies after writing its blobs leaves nothing visible, and no hole', async () => {
  const token = await repo.token({ agency: 'crashed-agency' });
  const r = await repo.request('POST', '/api/reports', {
    token,
    body: consistentReport(2021),
    headers: { 'idempotency-key': newKey() },
  });
  expect(r.status).toBe(201);
  // The crashed writer got as far as its blobs (and its claim), never to its version item.
  await putBlob(keys.report('crashed-agency', 2021), Buffer.from('{"half":"written"}'));
  const latest = await repo.request('GET', '/api/reports/crashed-agency/2021', { token });
  expect(latest.json.version).toBe(1);
  expect(
    (await repo.request('GET', '/api/reports/crashed-agency/2021/versions', { token })).json.versions,
  ).toHaveLength(1);
  expect((await repo.request('GET', publishedPaths.report('crashed-agency', 2021))).status).toBe(200);
  // The next accepted version is complete, becomes the latest, and takes the next number: nothing was reserved.
  const next = await repo.request('POST', '/api/reports', {
    token,
    body: { report: consistentReport(2021), confirmWarnings: 'all' },
    headers: { 'idempotency-key': newKey() },
  });
  expect(next.status).toBe(201);
  expect(next.json.version).toBe(2);
  expect((await repo.request('GET', '/api/reports/crashed-agency/2021', { token })).json.version).toBe(2);
});

test('a number read from a lagging index is at most behind: the put finds it taken, reads the table, follows on', async () => {
  const token = await repo.token({ agency: 'behind-agency' });
  const send = (i: number) => {
    const r = consistentReport(2021);
    r.sections.other = `本年度未收取信息处理费。第 ${i} 次。`;
    return repo.request('POST', '/api/reports', { token, body: r, headers: { 'idempotency-key': newKey('b') } });
  };
  for (let i = 1; i <= 3; i++) expect((await send(i)).json.version).toBe(i);
  // Three writers that read the index before any version showed there (after: 0), at once.
  const report = consistentReport(2021);
  const stored = await Promise.all(
    [0, 1, 2].map((i) =>
      putVersion(
        {
          agency: 'behind-agency',
          agencyName: report.agency,
          year: 2021,
          format: '2021',
          submittedBy: { sub: 'dev:behind', admin: false },
          source: { kind: 'json', contentType: 'application/json', bytes: 2, sha256: sha256Hex(`${i}`) },
          counts: { error: 0, warning: 0, info: 0 },
          confirmedWarnings: [],
          idempotencyKey: newKey('lagging'),
        },
        Buffer.from('{}'),
        { report, findings: [] },
        { after: 0 },
      ),
    ),
  );
  expect(stored.map((v) => v.version).sort()).toEqual([4, 5, 6]);
  expect((await send(7)).json.version).toBe(7);
  const versions = await listVersions('behind-agency', 2021);
  expect(versions.map((v) => v.version)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  // Numbers follow the order of storing: each version was stored after the one before it.
  const times = versions.map((v) => Date.parse(v.submittedAt));
  expect([...times].sort((a, b) => a - b)).toEqual(times);
});
