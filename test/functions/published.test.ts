/**
 * The publishing builder (functions/published/): pages that never pass PAGE_MAX and stay in agency order with their
 * three files agreeing, a change touching only its page, counts climbing the hierarchy, the rebuild recreating
 * from the table alone exactly what the incremental builds made, the Lambda entry point and the edge's status.
 */
import { rm } from 'node:fs/promises';
import { PAGE_MAX, ROOT_NODE, publishedPaths, type NodeManifest } from '../../contract/published';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { marshall } from '@aws-sdk/util-dynamodb';
import { cellsOf } from '../../functions/published/lines';
import { configureObjectStore, objectStore, type ObjectStore } from '../../functions/published/objects';
import { FORMATS, agencyOfLine, linesOf, pageKey } from '../../functions/published/pageFiles';
import { configurePlaces, FLAT_PLACES, type NodeInfo, type PlaceResolver } from '../../functions/published/places';
import { handler } from '../../functions/published/handler';
import { putPublicEntry, table, keys, type PublicEntry } from '../../functions/store';
import { STATUS_FUNCTION_CODE } from '../../infra/constructs/published-data';
import { consistentReport, newKey, startRepository, type TestRepository } from './helpers';

jest.setTimeout(60_000);

let repo: TestRepository;
let admin: string;

beforeAll(async () => {
  repo = await startRepository('published');
  admin = await repo.token({ admin: true });
});
afterAll(async () => {
  configurePlaces(undefined);
  await repo.close();
});

const CELLS = cellsOf(consistentReport(2021));
const text = async (key: string) => (await objectStore().get(key))?.toString('utf8');
const manifestOf = async (year: number, node: string = ROOT_NODE) =>
  JSON.parse((await text(publishedPaths.manifest(year, node).slice(1)))!) as NodeManifest;

let rev = 0;
/** An entry as the report step records it (published unless said otherwise). */
function entry(agency: string, year: number, node: string = ROOT_NODE, state: PublicEntry['state'] = 'published') {
  const e: PublicEntry = {
    agency,
    year,
    node,
    rev: ++rev,
    state,
    ...(state === 'published'
      ? { name: `${agency} 局`, version: 1, publishedAt: '2022-01-20T02:05:00.000Z', format: '2021', cells: CELLS }
      : {}),
  };
  return e;
}

/**
 * Everything a node's files promise: pages of at most PAGE_MAX in agency order without overlaps, the three files of
 * a page listing the same reports, the manifest's counts and first agencies right. Returns the agencies listed.
 */
async function checkNode(year: number, node: string = ROOT_NODE): Promise<string[]> {
  await repo.publishing.settled();
  const m = await manifestOf(year, node);
  const all: string[] = [];
  for (const p of m.pages) {
    const ids = await Promise.all(
      FORMATS.map(async (f) => {
        const lines = linesOf(f, (await text(pageKey(f, year, node, p.page)))!);
        return lines.map((l) => agencyOfLine(f, l));
      }),
    );
    expect(ids[1]).toEqual(ids[0]);
    expect(ids[2]).toEqual(ids[0]);
    const [page] = ids as [string[]];
    expect(page.length).toBeLessThanOrEqual(PAGE_MAX);
    if (m.pages.length > 1) expect(page.length).toBeGreaterThan(0);
    expect(p.reports).toBe(page.length);
    expect(p.first).toBe(page[0] ?? '');
    all.push(...page);
  }
  expect(all).toEqual([...all].sort());
  expect(new Set(all).size).toBe(all.length);
  expect(m.own).toBe(all.length);
  expect(m.reports).toBe(m.own + m.children.reduce((n, c) => n + c.reports, 0));
  // No page file beyond the last page is left behind.
  for (const f of FORMATS) expect(await objectStore().get(pageKey(f, year, node, m.pages.length + 1))).toBeUndefined();
  return all;
}

const ids = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(4, '0')}`);

describe('pages of a node', () => {
  const YEAR = 2031;

  test('hundreds of reports: pages of at most PAGE_MAX, in agency order, three files agreeing; they shrink again', async () => {
    const agencies = ids('pg', PAGE_MAX + 200);
    // In an order that is not the agencies' own, in batches as a stream would bring them.
    const shuffled = [...agencies].sort((a, b) =>
      a.split('').reverse().join('') < b.split('').reverse().join('') ? -1 : 1,
    );
    for (let i = 0; i < shuffled.length; i += 37) {
      await Promise.all(shuffled.slice(i, i + 37).map((a) => putPublicEntry(entry(a, YEAR))));
    }
    expect(await checkNode(YEAR)).toEqual(agencies);
    expect((await manifestOf(YEAR)).pages.length).toBeGreaterThanOrEqual(2);

    const gone = agencies.filter((_, i) => i % 3 !== 0 || i > 400);
    for (let i = 0; i < gone.length; i += 50)
      await Promise.all(gone.slice(i, i + 50).map((a) => putPublicEntry(entry(a, YEAR, ROOT_NODE, 'withdrawn'))));
    expect(await checkNode(YEAR)).toEqual(agencies.filter((a) => !gone.includes(a)));
  });

  test('a republished report rewrites its own page and the manifest, nothing else', async () => {
    const m = await manifestOf(YEAR);
    const last = m.pages[m.pages.length - 1]!;
    const agency = last.first;
    const written: string[] = [];
    const store = objectStore();
    const counting: ObjectStore = {
      ...store,
      put: (key, body, meta) => (written.push(key), store.put(key, body, meta)),
    };
    configureObjectStore(counting);
    try {
      await putPublicEntry({ ...entry(agency, YEAR), version: 2 });
      await repo.publishing.settled();
    } finally {
      configureObjectStore(store);
    }
    expect(written.sort()).toEqual(
      [...FORMATS.map((f) => pageKey(f, YEAR, ROOT_NODE, last.page)), publishedPaths.manifest(YEAR).slice(1)].sort(),
    );
    expect(await text(pageKey('html', YEAR, ROOT_NODE, last.page))).toContain('第 2 版');
  });
});

/** A small hierarchy: two provinces, a city under the first, a county under the city. */
const TREE: Record<string, { name: string; parent?: string }> = {
  p1: { name: '甲省' },
  p2: { name: '乙省' },
  c1: { name: '丙市', parent: 'p1' },
  k1: { name: '丁县', parent: 'c1' },
};
const pathOf = (id: string): NodeInfo['path'] => {
  const up: { id: string; name: string }[] = [];
  for (let p = TREE[id]!.parent; p; p = TREE[p]!.parent) up.unshift({ id: p, name: TREE[p]!.name });
  return up;
};
const TREE_PLACES: PlaceResolver = {
  // An agency id starting with a node's id (k1-…) belongs to that node; the rest to the top.
  placeOf: async (agency) => ({ node: Object.keys(TREE).find((n) => agency.startsWith(`${n}-`)) ?? ROOT_NODE }),
  nodeInfo: async (node) =>
    TREE[node]
      ? { id: node, name: TREE[node].name, parent: TREE[node].parent ?? ROOT_NODE, path: pathOf(node) }
      : FLAT_PLACES.nodeInfo(node),
};

describe('the hierarchy', () => {
  const YEAR = 2032;
  beforeAll(() => configurePlaces(TREE_PLACES));
  afterAll(() => configurePlaces(undefined));

  test('counts climb to the top; a node lists its regions and links up; an emptied region disappears', async () => {
    const placed = [...ids('k1', 5), ...ids('c1', 3), ...ids('p1', 2), ...ids('p2', 4), ...ids('top', 1)];
    const nodeOf = (a: string) => (a.split('-')[0]! in TREE ? a.split('-')[0]! : ROOT_NODE);
    await Promise.all(placed.map((a) => putPublicEntry(entry(a, YEAR, nodeOf(a)))));
    for (const node of ['k1', 'c1', 'p1', 'p2']) await checkNode(YEAR, node);
    await checkNode(YEAR);
    const root = await manifestOf(YEAR);
    expect(root).toMatchObject({ own: 1, reports: 15 });
    expect(root.children.map((c) => [c.id, c.reports])).toEqual([
      ['p1', 10],
      ['p2', 4],
    ]);
    expect((await manifestOf(YEAR, 'c1')).children.map((c) => [c.id, c.reports])).toEqual([['k1', 5]]);
    const county = (await text(publishedPaths.index(YEAR, 'k1').slice(1)))!;
    expect(county).toContain('<h1>丁县2032年政府信息公开工作年度报告目录</h1>');
    for (const up of [ROOT_NODE, 'p1', 'c1']) expect(county).toContain(`href="${publishedPaths.index(YEAR, up)}"`);
    const top = (await text(publishedPaths.index(YEAR).slice(1)))!;
    expect(top).toContain(`href="${publishedPaths.index(YEAR, 'p1')}">甲省</a>（10 份）`);

    await Promise.all(ids('k1', 5).map((a) => putPublicEntry(entry(a, YEAR, 'k1', 'withdrawn'))));
    await checkNode(YEAR);
    // Nothing published below it any more: the county has no files.
    expect(await objectStore().get(publishedPaths.manifest(YEAR, 'k1').slice(1))).toBeUndefined();
    expect(await objectStore().get(publishedPaths.index(YEAR, 'k1').slice(1))).toBeUndefined();
    expect((await manifestOf(YEAR)).children.map((c) => [c.id, c.reports])).toEqual([
      ['p1', 5],
      ['p2', 4],
    ]);
    expect((await manifestOf(YEAR, 'c1')).children).toEqual([]);
  });
});

/** Every object of a year: key → body, with the manifests' build times left out. */
async function snapshot(year: number): Promise<Map<string, string>> {
  await repo.publishing.settled();
  const out = new Map<string, string>();
  for (const prefix of [`published/${year}/`, `open-data/${year}/`]) {
    for await (const key of objectStore().list(prefix)) {
      const body = (await text(key))!;
      out.set(key, key.endsWith('.json') ? body.replace(/"updatedAt":"[^"]+"/, '') : body);
    }
  }
  return out;
}

describe('the rebuild', () => {
  const YEAR = 2021;
  beforeAll(() => configurePlaces(TREE_PLACES));
  afterAll(() => configurePlaces(undefined));

  test('from the table alone it makes exactly what the incremental builds made', async () => {
    const agencies = ['k1-a', 'k1-b', 'c1-a', 'p2-a', 'p2-b', 'solo-a'];
    const tokens = new Map(await Promise.all(agencies.map(async (a) => [a, await repo.token({ agency: a })] as const)));
    const submit = async (agency: string, n: number) => {
      const r = consistentReport(YEAR, `${agency}局`);
      r.sections.other = `本年度未收取信息处理费。第${n}版。`;
      const answer = await repo.request('POST', '/api/reports', {
        token: tokens.get(agency)!,
        body: r,
        headers: { 'idempotency-key': newKey() },
      });
      expect(answer.status).toBe(201);
    };
    for (const [i, a] of agencies.entries()) {
      await submit(a, 1);
      if (i % 2 === 0) await submit(a, 2);
    }
    await repo.request('POST', `/api/reports/k1-a/${YEAR}/versions/1/publish`, { token: admin, body: {} });
    await repo.request('POST', `/api/reports/p2-b/${YEAR}/withdraw`, { token: admin, body: {} });
    await repo.request('POST', `/api/reports/c1-a/${YEAR}/withdraw`, { token: admin, body: {} });
    const built = await snapshot(YEAR);
    expect((await manifestOf(YEAR)).reports).toBe(4);
    expect(built.get(publishedPaths.report('p2-b', YEAR).slice(1))).toContain('撤回');

    // Everything lost (as after a restore into a new bucket), plus a stray object: the rebuild makes the same.
    await rm(repo.publishing.store.root, { recursive: true, force: true });
    await objectStore().put(`published/${YEAR}/r/stray.html`, 'old', { contentType: 'text/html' });
    const [result] = await repo.publishing.rebuild(YEAR);
    expect(result).toMatchObject({ year: YEAR, reports: agencies.length, published: 4, removed: 1 });
    expect(await snapshot(YEAR)).toEqual(built);

    // A tampered page and a missing one: the rebuild sets both right.
    await objectStore().put(pageKey('csv', YEAR, 'k1', 1), 'garbage', { contentType: 'text/csv' });
    await objectStore().delete(publishedPaths.manifest(YEAR, 'p2').slice(1));
    await repo.publishing.rebuild(YEAR);
    expect(await snapshot(YEAR)).toEqual(built);
  });

  test('a report now listed under another node (the registry changed) leaves its old one', async () => {
    const token = await repo.token({ agency: 'p2-moving' });
    const submitted = await repo.request('POST', '/api/reports', {
      token,
      body: consistentReport(YEAR, '搬迁局'),
      headers: { 'idempotency-key': newKey() },
    });
    expect(submitted.status).toBe(201);
    expect(await checkNode(YEAR, 'p2')).toContain('p2-moving');
    // The registry now places it under the first province.
    configurePlaces({
      ...TREE_PLACES,
      placeOf: async (a) => (a === 'p2-moving' ? { node: 'p1' } : TREE_PLACES.placeOf(a)),
    });
    await repo.publishing.rebuild(YEAR);
    expect(await checkNode(YEAR, 'p2')).not.toContain('p2-moving');
    expect(await checkNode(YEAR, 'p1')).toContain('p2-moving');
    // p1: k1-a and k1-b (c1-a is withdrawn), and now this one; p2: p2-a (p2-b is withdrawn).
    expect((await manifestOf(YEAR)).children.map((c) => [c.id, c.reports])).toEqual([
      ['p1', 3],
      ['p2', 1],
    ]);
    const { Items } = await table().db.query({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.publicNode(YEAR, 'p2') },
    });
    expect(Items.find((i) => i.agency === 'p2-moving')).toMatchObject({ state: 'none' });
  });
});

describe('serving and the edge', () => {
  test('a published object is served without a single DynamoDB call', async () => {
    await repo.publishing.settled();
    const { db } = table();
    const calls: string[] = [];
    const original = { ...db };
    for (const m of ['get', 'query', 'put', 'update'] as const)
      (db as unknown as Record<string, unknown>)[m] = (...args: unknown[]) => (
        calls.push(m),
        (original[m] as (...a: unknown[]) => unknown)(...args)
      );
    try {
      const page = await repo.request('GET', publishedPaths.index(2021));
      expect(page.status).toBe(200);
      expect((await repo.request('GET', publishedPaths.manifest(2021))).json.year).toBe(2021);
    } finally {
      Object.assign(db, original);
    }
    expect(calls).toEqual([]);
  });

  test("the edge function turns a withdrawn page's stored status into the response's", () => {
    const fn = new Function(`${STATUS_FUNCTION_CODE}; return handler;`)() as (e: unknown) => {
      statusCode: number;
      headers: Record<string, unknown>;
    };
    const withdrawn = fn({ response: { statusCode: 200, headers: { 'x-amz-meta-status': { value: '410' } } } });
    expect(withdrawn.statusCode).toBe(410);
    expect(withdrawn.headers).not.toHaveProperty('x-amz-meta-status');
    expect(fn({ response: { statusCode: 200, headers: {} } }).statusCode).toBe(200);
    expect(fn({ response: { statusCode: 404, headers: {} } }).statusCode).toBe(404);
  });
});

describe('the Lambda entry point', () => {
  const record = (pk: string, sk: string, seq: string, image?: Record<string, unknown>) => ({
    eventName: 'MODIFY',
    dynamodb: {
      Keys: marshall({ pk, sk }),
      ...(image ? { NewImage: marshall({ pk, sk, ...image }, { removeUndefinedValues: true }) } : {}),
      SequenceNumber: seq,
    },
  });

  test('a stream batch is applied; a node that fails names its first record for Lambda to deliver again', async () => {
    const YEAR = 2034;
    const e1 = entry('lam-a', YEAR);
    const e2 = entry('lam-b', YEAR);
    const event = {
      Records: [
        record(keys.publicNode(YEAR, ROOT_NODE), keys.publicAgency('lam-a'), '200', { ...e1 }),
        record('REPORT#nobody#2034', 'COUNTER', '201'),
        record(keys.publicNode(YEAR, ROOT_NODE), keys.publicAgency('lam-b'), '300', { ...e2 }),
      ],
    } as unknown as DynamoDBStreamEvent;
    // The records are of writes the table holds (the local stack's own builder stays out of the way).
    repo.publishing.setEnabled(false);
    await Promise.all([putPublicEntry(e1), putPublicEntry(e2)]);
    expect(await handler(event)).toEqual({ batchItemFailures: [] });
    await repo.publishing.settled();
    expect(await checkNode(YEAR)).toEqual(['lam-a', 'lam-b']);

    const store = objectStore();
    configureObjectStore({
      ...store,
      put: async (key, body, meta) => {
        if (key.startsWith(`open-data/${YEAR}/`)) throw new Error('S3 is down');
        return store.put(key, body, meta);
      },
    });
    // The same reports again, in their next versions: the node's files must change, and cannot.
    const again = {
      Records: [
        record(keys.publicNode(YEAR, ROOT_NODE), keys.publicAgency('lam-a'), '400', { ...e1, version: 2 }),
        record(keys.publicNode(YEAR, ROOT_NODE), keys.publicAgency('lam-b'), '500', { ...e2, version: 2 }),
      ],
    } as unknown as DynamoDBStreamEvent;
    try {
      expect(await handler(again)).toEqual({ batchItemFailures: [{ itemIdentifier: '400' }] });
    } finally {
      configureObjectStore(store);
      repo.publishing.setEnabled(true);
    }
  });
});
