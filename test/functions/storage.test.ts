/**
 * How versions are stored: one item holding its report and upload when they fit, blob parts otherwise; the year
 * index without the inline bytes; the published version of a report read in one call for a few versions, in at
 * most three for many, never through all of them; a version put whose answer is lost is stored once.
 */
import { publishedPaths } from '../../contract/published';
import {
  INLINE,
  KEY,
  YEAR_INDEX,
  getVersion,
  keys,
  publishedVersion,
  shardOf,
  table,
  versionContent,
} from '../../functions/store';
import { listVersions } from './wholeHistory';
import { MAX_TEXT_CHARS } from '../../report/schema';
import { consistentReport, newKey, startRepository, type TestRepository } from './helpers';

let repo: TestRepository;
let admin: string;
beforeAll(async () => {
  repo = await startRepository('storage');
  admin = await repo.token({ admin: true });
});
afterAll(() => repo.close());

const submit = (token: string, body: unknown) =>
  repo.request('POST', '/api/reports', {
    token,
    body: body as object,
    headers: { 'idempotency-key': newKey(), 'x-confirm-warnings': 'all' },
  });

/** Every item of a report's partition, by sort key. */
async function partition(agency: string, year: number): Promise<Map<string, Record<string, unknown>>> {
  const out = await table().db.query({
    KeyConditionExpression: '#pk = :pk',
    ExpressionAttributeNames: { '#pk': KEY.partition },
    ExpressionAttributeValues: { ':pk': keys.report(agency, year) },
    ConsistentRead: true,
  });
  return new Map(out.Items.map((i) => [i[KEY.sort] as string, i]));
}

/** Prose that compresses badly: pseudo-random CJK characters. */
const noise = (chars: number, seed: number) =>
  Array.from({ length: chars }, (_, i) =>
    String.fromCharCode(0x4e00 + ((i * 7919 + seed * 104729 + (i >> 3) * 31) % 20000)),
  ).join('');

test('a version is one item holding its report and its upload; the year index has the metadata only', async () => {
  const token = await repo.token({ agency: 'inline-agency' });
  const r = await submit(token, consistentReport(2021));
  expect(r.status).toBe(201);
  const items = await partition('inline-agency', 2021);
  // The version and its Idempotency-Key's claim.
  const claims = [...items.keys()].filter((k) => k.startsWith(keys.claim('')));
  expect(claims).toHaveLength(1);
  expect([...items.keys()].sort()).toEqual([claims[0], keys.version(1)]);
  const item = items.get(keys.version(1))!;
  expect(item[INLINE.content]).toBeInstanceOf(Uint8Array);
  expect(item[INLINE.original]).toBeInstanceOf(Uint8Array);
  const meta = (await getVersion('inline-agency', 2021, 1))!;
  expect([meta.content.parts, meta.original.parts]).toEqual([0, 0]);
  expect((await versionContent(meta)).report.values['t3.new.total']).toBe(3);

  const indexed = await table().db.query({
    IndexName: YEAR_INDEX.name,
    KeyConditionExpression: '#ypk = :ypk',
    ExpressionAttributeNames: { '#ypk': YEAR_INDEX.partition },
    ExpressionAttributeValues: { ':ypk': keys.yearShard(2021, shardOf('inline-agency')) },
  });
  const entry = indexed.Items.find((i) => i.agency === 'inline-agency')!;
  expect(entry).toMatchObject({
    agency: 'inline-agency',
    year: 2021,
    version: 1,
    idempotencyKey: expect.any(String),
    source: meta.source,
  });
  expect(entry).not.toHaveProperty(INLINE.content);
  expect(entry).not.toHaveProperty(INLINE.original);
  // Whatever needs the report reads it from the table: the published record has it.
  const open = await repo.request('GET', publishedPaths.record('inline-agency', 2021));
  expect(open.json).toMatchObject({ agencyId: 'inline-agency', 't3.new.total': 3 });
});

test('an upload too large to sit beside its report goes to blob parts; the report stays in the item', async () => {
  const token = await repo.token({ agency: 'split-agency' });
  const report = consistentReport(2021);
  // ~260 KB gzipped, in the report and again in the upload: both do not fit in one item.
  report.sections.overview = noise(MAX_TEXT_CHARS, 1);
  report.sections.problems = noise(MAX_TEXT_CHARS, 2);
  const r = await submit(token, report);
  expect(r.status).toBe(201);
  const meta = (await getVersion('split-agency', 2021, 1))!;
  expect(meta.content.parts).toBe(0);
  expect(meta.original.parts).toBeGreaterThan(0);
  const items = await partition('split-agency', 2021);
  expect([...items.keys()].filter((k) => k.startsWith('BLOB#'))).toHaveLength(meta.original.parts);
  expect(items.get(keys.version(1))).not.toHaveProperty(INLINE.original);
  const original = await repo.request('GET', '/api/reports/split-agency/2021/versions/1/original', { token });
  expect(JSON.parse(original.text)).toEqual(report);
});

/** Counts the DynamoDB calls `fn` makes and the items they bring back. */
async function countCalls<T>(fn: () => Promise<T>): Promise<{ result: T; calls: number; items: number }> {
  // The publishing builder reads through the same client after each write: let it finish first.
  await repo.publishing.settled();
  const { db } = table();
  const { query, get } = db;
  let calls = 0;
  let items = 0;
  db.query = async (input) => {
    calls++;
    const out = await query(input);
    items += out.Items.length;
    return out;
  };
  db.get = async (input) => {
    calls++;
    const out = await get(input);
    items += out.Item ? 1 : 0;
    return out;
  };
  try {
    return { result: await fn(), calls, items };
  } finally {
    Object.assign(db, { query, get });
  }
}

test('the published version is read in one call for a few versions and in at most three for many, decisions included', async () => {
  const token = await repo.token({ agency: 'paged-agency' });
  // Six versions of ~270 KB each (report and upload inline, ~135 KB gzipped each): not all in the first read.
  for (let i = 1; i <= 6; i++) {
    const report = consistentReport(2022);
    report.sections.overview = noise(MAX_TEXT_CHARS, 10 + i);
    report.sections.other = `本年度未收取信息处理费。第${i}版。`;
    expect((await submit(token, report)).json.version).toBe(i);
  }
  const latest = await countCalls(() => publishedVersion('paged-agency', 2022));
  expect(latest.result !== 'withdrawn' && latest.result?.meta.version).toBe(6);
  // The first read (its report with it), then the latest decision by itself: not through every version.
  expect(latest.calls).toBe(2);
  expect(latest.items).toBeLessThan(6);
  if (latest.result && latest.result !== 'withdrawn')
    expect((await versionContent(latest.result.meta)).report.sections.other).toContain('第6版');

  expect(
    (await repo.request('POST', '/api/reports/paged-agency/2022/versions/2/publish', { token: admin })).status,
  ).toBe(200);
  const pinned = await countCalls(() => publishedVersion('paged-agency', 2022));
  expect(pinned.result !== 'withdrawn' && pinned.result?.meta.version).toBe(2);
  expect(pinned.calls).toBe(3); // and the version it publishes, older than the first read
  expect(pinned.items).toBeLessThan(7);
  if (pinned.result && pinned.result !== 'withdrawn')
    expect((await versionContent(pinned.result.meta)).report.sections.other).toContain('第2版');
  expect((await repo.request('POST', '/api/reports/paged-agency/2022/withdraw', { token: admin })).status).toBe(200);
  expect(await publishedVersion('paged-agency', 2022)).toBe('withdrawn');
  expect(await publishedVersion('paged-agency', 2020)).toBeUndefined();

  // A few versions and a decision: one read has them all.
  const few = await repo.token({ agency: 'few-agency' });
  for (let i = 1; i <= 2; i++) expect((await submit(few, consistentReport(2022))).json.version).toBe(i);
  expect((await repo.request('POST', '/api/reports/few-agency/2022/versions/1/publish', { token: admin })).status).toBe(
    200,
  );
  const one = await countCalls(() => publishedVersion('few-agency', 2022));
  expect(one.result !== 'withdrawn' && one.result?.meta.version).toBe(1);
  expect(one.calls).toBe(1);
  expect((await countCalls(() => publishedVersion('inline-agency', 2021))).calls).toBe(1);
}, 60_000);

/** Makes the transport fail once for the first PutItem of a version item: after the database took it, or before. */
function failVersionPutOnce(error: Error): { restore: () => void; fired: () => boolean } {
  type Request = { body?: unknown; headers: Record<string, string> };
  const handler = table().client.config.requestHandler as unknown as {
    handle: (req: Request, ...a: unknown[]) => Promise<unknown>;
  };
  const handle = handler.handle.bind(handler);
  let armed = true;
  handler.handle = async (req, ...a) => {
    const b = req.body;
    const body =
      b instanceof Uint8Array ? Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8') : String(b);
    const isVersionPut =
      armed && req.headers['x-amz-target']?.endsWith('.PutItem') === true && body.includes(`"${KEY.sort}":{"S":"V#`);
    const answer = await handle(req, ...a);
    if (isVersionPut) {
      armed = false;
      throw error;
    }
    return answer;
  };
  return { restore: () => void (handler.handle = handle), fired: () => !armed };
}

test('a version put whose answer is lost and is retried by the SDK is stored once', async () => {
  const token = await repo.token({ agency: 'lost-answer' });
  const fault = failVersionPutOnce(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
  try {
    const r = await submit(token, consistentReport(2021));
    expect(fault.fired()).toBe(true);
    expect(r.status).toBe(201);
    expect(r.json.version).toBe(1);
  } finally {
    fault.restore();
  }
  expect((await listVersions('lost-answer', 2021)).map((v) => v.version)).toEqual([1]);
});

test('a version put with an unknown outcome keeps its key: 503, and the retry gets the stored version', async () => {
  const token = await repo.token({ agency: 'unknown-outcome' });
  const key = newKey('unknown');
  const send = () =>
    repo.request('POST', '/api/reports', { token, body: consistentReport(2021), headers: { 'idempotency-key': key } });
  const fault = failVersionPutOnce(new Error('the connection went away'));
  let first;
  try {
    first = await send();
  } finally {
    fault.restore();
  }
  expect(fault.fired()).toBe(true);
  expect(first.status).toBe(503);
  expect(first.json.code).toBe('E-BUSY');
  const again = await send();
  expect(again.status).toBe(201);
  expect(again.headers['idempotent-replayed']).toBe('true');
  expect((await listVersions('unknown-outcome', 2021)).map((v) => v.idempotencyKey)).toEqual([key]);
});
