/** The Idempotency-Key: a repeated submission gets the same answer and stores no second version. */
import { canonicalJson } from '../../functions/submission/input';
import {
  claimIdempotency,
  CLOCK_SKEW_MS,
  keys,
  LOCK_MS,
  putVersion,
  readClaim,
  releaseIdempotency,
  sha256Hex,
  table,
  versionOfClaim,
} from '../../functions/store';
import { listVersions } from './wholeHistory';
import type { Report } from '../../report/model/types';
import { consistentReport, newKey, startRepository, type TestRepository } from './helpers';

let repo: TestRepository;
let token: string;

beforeAll(async () => {
  repo = await startRepository('idempotency');
  token = await repo.token({ agency: 'idem-a', agencyName: '甲局' });
});
afterAll(() => repo.close());

/** A report's identity as the server hashes it (the report as read, canonical JSON). */
const identity = (report: Report) => sha256Hex(canonicalJson(report));

const submit = (body: unknown, key: string, headers: Record<string, string> = {}, t = token) =>
  repo.request('POST', '/api/reports', {
    token: t,
    body: body as object,
    headers: { 'idempotency-key': key, ...headers },
  });

test('the same key and body again: the same answer, marked replayed, and still one version', async () => {
  const key = newKey();
  const first = await submit(consistentReport(2021), key);
  const again = await submit(consistentReport(2021), key);
  expect(first.status).toBe(201);
  expect(again.status).toBe(201);
  expect(again.json).toEqual(first.json);
  expect(first.headers['idempotent-replayed']).toBe('false');
  expect(again.headers['idempotent-replayed']).toBe('true');
  expect(await listVersions('idem-a', 2021)).toHaveLength(1);
});

test('the same key with a different body is refused, and nothing is stored', async () => {
  const key = newKey();
  expect((await submit(consistentReport(2022), key)).status).toBe(201);
  const other = consistentReport(2022);
  other.sections.other = '本年度未收取信息处理费。另一份。';
  const r = await submit(other, key);
  expect(r.status).toBe(422);
  expect(r.json.code).toBe('E-IDEMPOTENCY-MISMATCH');
  expect(await listVersions('idem-a', 2022)).toHaveLength(1);
});

test('a refused submission does not use up its key: corrected and sent again with it, it is accepted', async () => {
  const key = newKey();
  const bad = consistentReport(2023);
  bad.values['t3.new.total'] = 9;
  expect((await submit(bad, key)).status).toBe(422);
  const good = await submit(consistentReport(2023), key);
  expect(good.status).toBe(201);
  expect(good.json.version).toBe(1);
});

test('keys are per agency: another agency may use the same key for its own report', async () => {
  const key = newKey('shared');
  const other = await repo.token({ agency: 'idem-b' });
  const a = await submit(consistentReport(2024), key);
  const b = await submit(consistentReport(2024), key, {}, other);
  expect([a.status, b.status]).toEqual([201, 201]);
  expect(b.json.agency).toBe('idem-b');
});

test('ten concurrent requests with one key store one version; the others replay it or are told to retry', async () => {
  const key = newKey('burst');
  const body = consistentReport(2021);
  body.sections.other = '本年度未收取信息处理费。并发。';
  const answers = await Promise.all(Array.from({ length: 10 }, () => submit(body, key)));
  const statuses = answers.map((a) => a.status);
  expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
  const created = answers.filter((a) => a.status === 201);
  expect(new Set(created.map((a) => a.json.version)).size).toBe(1);
  for (const busy of answers.filter((a) => a.status === 409)) expect(busy.json.code).toBe('E-IDEMPOTENCY-IN-PROGRESS');
  const versions = await listVersions('idem-a', 2021);
  expect(versions.filter((v) => v.idempotencyKey === key)).toHaveLength(1);
  // Retried after the burst: the stored answer.
  const later = await submit(body, key);
  expect(later.status).toBe(201);
  expect(later.json.version).toBe(created[0]?.json.version ?? later.json.version);
});

test('a claim abandoned by a crash is taken over after its lock; a version it already stored is not stored twice', async () => {
  const key = newKey('crash');
  const report = consistentReport(2025 < new Date().getFullYear() ? 2025 : 2021);
  const year = report.year!;
  const body = Buffer.from(JSON.stringify(report));
  // The crashed invocation: claimed the key and stored its version, then died before answering.
  const before = (await listVersions('idem-a', year)).length;
  const crashed = await claimIdempotency('idem-a', year, key, identity(report), Date.now() - LOCK_MS - 1000);
  if (crashed.outcome !== 'claimed') throw new Error(`claim: ${crashed.outcome}`);
  const stored = await putVersion(
    {
      agency: 'idem-a',
      agencyName: '甲局',
      year,
      format: '2021',
      submittedBy: { sub: 'dev:idem-a', admin: false },
      source: { kind: 'json', contentType: 'application/json', bytes: body.length, sha256: sha256Hex(body) },
      counts: { error: 0, warning: 0, info: 0 },
      confirmedWarnings: [],
      idempotencyKey: key,
    },
    body,
    { report, findings: [] },
  );
  const r = await submit(body, key, { 'content-type': 'application/json' });
  expect(r.status).toBe(201);
  expect(r.json.version).toBe(stored.version);
  expect(r.headers['idempotent-replayed']).toBe('true');
  expect(await listVersions('idem-a', year)).toHaveLength(before + 1);
});

test('a claim still within its lock blocks the key (409)', async () => {
  const key = newKey('locked');
  const report = consistentReport(2021);
  const body = Buffer.from(JSON.stringify(report));
  await claimIdempotency('idem-a', 2021, key, identity(report));
  const r = await submit(body, key, { 'content-type': 'application/json' });
  expect(r.status).toBe(409);
  expect(r.json.code).toBe('E-IDEMPOTENCY-IN-PROGRESS');
});

test('a retry of an accepted request is answered with its version even if it would now be refused', async () => {
  const t = await repo.token({ agency: 'idem-retry' });
  const key = newKey('retry');
  const report = consistentReport(2023, '重试局');
  const first = await submit(report, key, {}, t);
  expect(first.status).toBe(201);
  // Last year is filed afterwards and carries one application over that this year does not carry in (YEAR-CARRY).
  const last = consistentReport(2022, '重试局');
  Object.assign(last.values, {
    't3.unableNotHeld.natural': 0,
    't3.unableNotHeld.total': 0,
    't3.total.natural': 2,
    't3.total.total': 2,
    't3.carryOver.natural': 1,
    't3.carryOver.total': 1,
  });
  expect((await submit(last, newKey(), {}, t)).status).toBe(201);
  const retry = await submit(report, key, {}, t);
  expect(retry.status).toBe(201);
  expect(retry.headers['idempotent-replayed']).toBe('true');
  expect(retry.json.version).toBe(first.json.version);
  // The same body under a new key is judged afresh, and refused.
  const fresh = await submit(report, newKey(), {}, t);
  expect(fresh.status).toBe(422);
  expect(fresh.json.findings.map((f: { rule: string }) => f.rule)).toContain('YEAR-CARRY');
  expect(await listVersions('idem-retry', 2023)).toHaveLength(1);
});

describe('a claim is a small item of its own, remembered for good', () => {
  const item = async (agency: string, year: number, sk: string) =>
    (await table().db.get({ Key: { pk: keys.report(agency, year), sk }, ConsistentRead: true })).Item;

  test('a refused submission gives its claim back; an accepted one claims its key with the report identity', async () => {
    const t = await repo.token({ agency: 'idem-claims' });
    const bad = consistentReport(2021, '认领局');
    bad.values['t3.new.total'] = 9;
    const badKey = newKey('bad');
    expect((await submit(bad, badKey, {}, t)).status).toBe(422);
    expect(await readClaim('idem-claims', 2021, badKey)).toMatchObject({ hash: identity(bad), released: true });
    const key = newKey('good');
    const report = consistentReport(2021, '认领局');
    const ok = await submit(report, key, {}, t);
    expect(ok.status).toBe(201);
    expect(ok.json.contentSha256).toBe(identity(report));
    const claim = await readClaim('idem-claims', 2021, key);
    expect(claim).toEqual({ hash: identity(report), at: expect.any(Number), since: claim?.at });
    // Nothing else is written beside the claim and the version: no counter.
    expect(await item('idem-claims', 2021, keys.counter)).toBeUndefined();
  });

  test('the same report sent in another form (key order, an envelope) is the same request: replayed', async () => {
    const key = newKey('form');
    const report = consistentReport(2022);
    report.sections.other = '本年度未收取信息处理费。换一种写法。';
    const first = await submit(report, key);
    expect(first.status).toBe(201);
    const reordered = Object.fromEntries(Object.entries(report).reverse());
    const again = await submit(Buffer.from(JSON.stringify(reordered, null, 2)), key, {
      'content-type': 'application/json',
    });
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const enveloped = await submit({ report, confirmWarnings: 'all' }, key);
    expect(enveloped.headers['idempotent-replayed']).toBe('true');
    expect(enveloped.json.version).toBe(first.json.version);
  });

  test('a released claim frees its key, for any report', async () => {
    const key = newKey('released');
    const report = consistentReport(2023);
    report.sections.other = '本年度未收取信息处理费。释放。';
    const claim = await claimIdempotency('idem-a', 2023, key, identity(consistentReport(2021)));
    if (claim.outcome !== 'claimed') throw new Error(claim.outcome);
    await releaseIdempotency('idem-a', 2023, key, claim.record);
    const r = await submit(report, key);
    expect(r.status).toBe(201);
    expect((await readClaim('idem-a', 2023, key))?.hash).toBe(identity(report));
  });
});

describe('a retry finds its version among those stored since its claim', () => {
  test('a claim made before claims recorded their time (a basis: the last number then) still finds its version', async () => {
    const key = newKey('basis');
    const report = consistentReport(2024);
    report.sections.other = '本年度未收取信息处理费。旧认领。';
    const first = await submit(report, key);
    expect(first.status).toBe(201);
    await table().db.put({
      Item: {
        pk: keys.report('idem-a', 2024),
        sk: keys.claim(key),
        type: 'claim',
        hash: identity(report),
        at: Date.now(),
        basis: first.json.version - 1,
      },
    });
    expect(await readClaim('idem-a', 2024, key)).not.toHaveProperty('since');
    const again = await submit(report, key);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json.version).toBe(first.json.version);
  });

  test("versions stored before the claim (beyond the clocks' skew) end the search: they cannot be its answer", async () => {
    const key = newKey('since');
    const report = consistentReport(2024);
    report.sections.other = '本年度未收取信息处理费。认领时间。';
    expect((await submit(report, key)).status).toBe(201);
    const claim = (await readClaim('idem-a', 2024, key))!;
    expect((await versionOfClaim('idem-a', 2024, key, claim))?.idempotencyKey).toBe(key);
    const later = { ...claim, since: claim.since! + CLOCK_SKEW_MS + 60_000 };
    expect(await versionOfClaim('idem-a', 2024, key, later)).toBeUndefined();
  });
});

describe('nothing completes a claim: the stored version answers for its key', () => {
  const ALL_BUT_DATE = [
    'hrtime',
    'nextTick',
    'performance',
    'queueMicrotask',
    'requestAnimationFrame',
    'cancelAnimationFrame',
    'requestIdleCallback',
    'cancelIdleCallback',
    'setImmediate',
    'clearImmediate',
    'setInterval',
    'clearInterval',
    'setTimeout',
    'clearTimeout',
  ] as const;
  /** Runs `fn` with the clock moved forward by `ms` (Date only; timers and I/O run as usual). */
  async function later<T>(ms: number, fn: () => Promise<T>): Promise<T> {
    jest.useFakeTimers({ now: Date.now() + ms, doNotFake: [...ALL_BUT_DATE] });
    try {
      return await fn();
    } finally {
      jest.useRealTimers();
    }
  }

  test("after the claim's lock has lapsed, the same request is answered with its version, another body is refused", async () => {
    const key = newKey('lapsed');
    const report = consistentReport(2022);
    report.sections.other = '本年度未收取信息处理费。锁已过期。';
    const first = await submit(report, key);
    expect(first.status).toBe(201);
    const again = await later(LOCK_MS + 5000, () => submit(report, key));
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json.version).toBe(first.json.version);
    const other = consistentReport(2022);
    other.sections.other = '本年度未收取信息处理费。另一份，锁已过期。';
    const mismatch = await later(LOCK_MS + 5000, () => submit(other, key));
    expect(mismatch.status).toBe(422);
    expect(mismatch.json.code).toBe('E-IDEMPOTENCY-MISMATCH');
    expect((await listVersions('idem-a', 2022)).filter((v) => v.idempotencyKey === key)).toHaveLength(1);
  });

  test('a claim abandoned before its version was stored is taken over after its lock, and the version stored once', async () => {
    const key = newKey('abandoned');
    const report = consistentReport(2023);
    const body = Buffer.from(JSON.stringify(report));
    expect((await claimIdempotency('idem-a', 2023, key, identity(report), Date.now() - LOCK_MS - 1000)).outcome).toBe(
      'claimed',
    );
    const r = await submit(body, key, { 'content-type': 'application/json' });
    expect(r.status).toBe(201);
    expect(r.headers['idempotent-replayed']).toBe('false');
    const replay = await submit(body, key, { 'content-type': 'application/json' });
    expect(replay.json.version).toBe(r.json.version);
    expect((await listVersions('idem-a', 2023)).filter((v) => v.idempotencyKey === key)).toHaveLength(1);
  });

  test('a key is remembered for good: a month later the same report replays, another is refused', async () => {
    const key = newKey('month');
    const longToken = await repo.token({ agency: 'idem-a', hours: 24 * 40 });
    const report = consistentReport(2024 < new Date().getFullYear() ? 2024 : 2021);
    report.sections.other = '本年度未收取信息处理费。一个月之后。';
    const first = await submit(report, key, {}, longToken);
    expect(first.status).toBe(201);
    const month = 31 * 24 * 3600 * 1000;
    const again = await later(month, () => submit(report, key, {}, longToken));
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json.version).toBe(first.json.version);
    const other = { ...report, sections: { ...report.sections, other: '本年度未收取信息处理费。另一份。' } };
    const refused = await later(month, () => submit(other, key, {}, longToken));
    expect(refused.status).toBe(422);
    expect(refused.json.code).toBe('E-IDEMPOTENCY-MISMATCH');
  });
});
