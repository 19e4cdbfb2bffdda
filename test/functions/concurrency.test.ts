/** Deadline day: many clerks of one agency submitting the same year at once. */
import { DeleteItemCommand } from '@aws-sdk/client-dynamodb';
import { KEY, keys, listVersions, putBlob, table } from '../../functions/store';
import { consistentReport, newKey, startRepository, type TestRepository } from './helpers';

let repo: TestRepository;
beforeAll(async () => {
  repo = await startRepository('concurrency');
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

test('a counter behind the data (e.g. after a restore) still gives distinct, next numbers', async () => {
  const token = await repo.token({ agency: 'restored-agency' });
  const send = (i: number) => {
    const r = consistentReport(2022);
    r.sections.other = `本年度未收取信息处理费。恢复 ${i}。`;
    return repo.request('POST', '/api/reports', { token, body: r, headers: { 'idempotency-key': newKey('r') } });
  };
  for (let i = 0; i < 3; i++) expect((await send(i)).status).toBe(201);
  const { client, name } = table();
  await client.send(
    new DeleteItemCommand({
      TableName: name,
      Key: { [KEY.partition]: { S: keys.report('restored-agency', 2022) }, [KEY.sort]: { S: keys.counter } },
    }),
  );
  const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => send(10 + i)));
  expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));
  expect(answers.map((a) => a.json.version).sort((a, b) => a - b)).toEqual([4, 5, 6, 7, 8, 9, 10, 11]);
  expect((await listVersions('restored-agency', 2022)).map((v) => v.version)).toEqual(
    Array.from({ length: 11 }, (_, i) => i + 1),
  );
  // …and the counter has caught up: the next submission takes the next number directly.
  expect((await send(99)).json.version).toBe(12);
}, 60_000);

test('a submission that dies after writing its blobs leaves nothing visible', async () => {
  const token = await repo.token({ agency: 'crashed-agency' });
  const r = await repo.request('POST', '/api/reports', {
    token,
    body: consistentReport(2021),
    headers: { 'idempotency-key': newKey() },
  });
  expect(r.status).toBe(201);
  // The crashed writer got as far as its blobs (and a reserved number), never to its version item.
  await putBlob(keys.report('crashed-agency', 2021), Buffer.from('{"half":"written"}'));
  await table().db.update({
    Key: { [KEY.partition]: keys.report('crashed-agency', 2021), [KEY.sort]: keys.counter },
    UpdateExpression: 'ADD versions :one',
    ExpressionAttributeValues: { ':one': 1 },
  });
  const latest = await repo.request('GET', '/api/reports/crashed-agency/2021', { token });
  expect(latest.json.version).toBe(1);
  expect(
    (await repo.request('GET', '/api/reports/crashed-agency/2021/versions', { token })).json.versions,
  ).toHaveLength(1);
  expect((await repo.request('GET', '/api/published/crashed-agency/2021')).status).toBe(200);
  // The next accepted version is complete and becomes the latest (its number skips the dead one's).
  const next = await repo.request('POST', '/api/reports', {
    token,
    body: { report: consistentReport(2021), confirmWarnings: 'all' },
    headers: { 'idempotency-key': newKey() },
  });
  expect(next.status).toBe(201);
  expect((await repo.request('GET', '/api/reports/crashed-agency/2021', { token })).json.version).toBe(
    next.json.version,
  );
});
