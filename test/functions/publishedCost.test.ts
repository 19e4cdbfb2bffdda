/**
 * What one publication costs the builder (functions/published/), and that the shortcuts taking it there stay right:
 * the version made public is taken from the stream record rather than read again (one query of the report's
 * partition and one entry put: two DynamoDB calls), a node this process wrote last is patched without reading its
 * pages back (its manifest only), and two instances of the builder taking turns on one node each see what the
 * other wrote. Open-data lines are patched as bytes: a name outside ASCII survives byte for byte. A report with a long
 * history is not read through (store/publication.ts recentHead).
 */
import { ROOT_NODE, publishedPaths } from '../../contract/published';
import { configureFunctions, readEnv } from '../../functions/env';
import { applyChanges, type Change } from '../../functions/published/changes';
import { configureObjectStore, objectStore, type ObjectStore } from '../../functions/published/objects';
import { FORMATS, agencyOfLine, linesOf, pageKey } from '../../functions/published/pageFiles';
import { configurePlaces, FLAT_PLACES, registryPlaces } from '../../functions/published/places';
import { KEY, keys, publicationOfHead, table } from '../../functions/store';
import { wholeHead } from './wholeHistory';
import { consistentReport, newKey, startRepository, type TestRepository } from './helpers';

jest.setTimeout(60_000);

const YEAR = 2023;
let repo: TestRepository;

beforeAll(async () => {
  repo = await startRepository('published-cost');
  configurePlaces(FLAT_PLACES);
});
afterAll(async () => {
  configurePlaces(undefined);
  await repo.close();
});

async function submit(agency: string, name: string, n: number): Promise<void> {
  const r = consistentReport(YEAR, name);
  r.sections.other = `本年度未收取信息处理费。第${n}版。`;
  const answer = await repo.request('POST', '/api/reports', {
    token: await repo.token({ agency }),
    body: r,
    headers: { 'idempotency-key': newKey() },
  });
  expect([answer.status, answer.status === 201 ? '' : JSON.stringify(answer.json).slice(0, 400)]).toEqual([201, '']);
}

/** The version item as a stream record brings it (NEW_IMAGE). */
async function versionChange(agency: string, version: number): Promise<Change> {
  const pk = keys.report(agency, YEAR);
  const sk = keys.version(version);
  const { Item } = await table().db.get({ Key: { [KEY.partition]: pk, [KEY.sort]: sk }, ConsistentRead: true });
  return { pk, sk, item: Item! };
}

/** Counts the DynamoDB calls and the object reads made while `fn` runs. */
async function counting(fn: () => Promise<unknown>): Promise<{ dynamo: string[]; reads: string[] }> {
  const { db } = table();
  const dynamo: string[] = [];
  const reads: string[] = [];
  const original = { ...db };
  for (const m of ['get', 'query', 'put', 'update', 'batchGet', 'batchWrite'] as const)
    (db as unknown as Record<string, unknown>)[m] = (...args: unknown[]) => (
      dynamo.push(m),
      (original[m] as (...a: unknown[]) => unknown)(...args)
    );
  const store = objectStore();
  const counted: ObjectStore = { ...store, get: (key) => (reads.push(key), store.get(key)) };
  configureObjectStore(counted);
  try {
    await fn();
  } finally {
    Object.assign(db, original);
    configureObjectStore(store);
  }
  return { dynamo, reads };
}

const agenciesOnPage = async (format: (typeof FORMATS)[number]) =>
  linesOf(format, (await objectStore().get(pageKey(format, YEAR, ROOT_NODE, 1)))!).map((l) => agencyOfLine(format, l));

test('a publication: two DynamoDB calls, and its node patched from its manifest alone', async () => {
  for (const a of ['cost-a', 'cost-b', 'cost-c']) await submit(a, `${a} 局`, 1);
  await repo.publishing.settled();
  repo.publishing.setEnabled(false);
  try {
    await submit('cost-b', 'cost-b 局', 2);
    const change = await versionChange('cost-b', 2);
    const report = await counting(() => applyChanges([change]));
    // The partition read once (its head), the entry put once: the version's report came with the record.
    expect(report.dynamo.sort()).toEqual(['put', 'query']);
    const entry = await table().db.get({
      Key: { [KEY.partition]: keys.publicNode(YEAR, ROOT_NODE), [KEY.sort]: keys.publicAgency('cost-b') },
    });
    expect(entry.Item?.version).toBe(2);
    const node = await counting(() =>
      applyChanges([{ pk: keys.publicNode(YEAR, ROOT_NODE), sk: keys.publicAgency('cost-b'), item: entry.Item! }]),
    );
    // Written last by this process: the manifest is read to check that, the pages are not.
    expect(node.reads).toEqual([publishedPaths.manifest(YEAR).slice(1)]);
  } finally {
    repo.publishing.setEnabled(true);
  }
  const page = (await objectStore().get(pageKey('html', YEAR, ROOT_NODE, 1)))!.toString('utf8');
  expect(page).toContain('第 2 版');
  const jsonl = (await objectStore().get(pageKey('jsonl', YEAR, ROOT_NODE, 1)))!.toString('utf8');
  expect(jsonl.split('\n').find((l) => l.includes('"cost-b"'))).toContain('"version":2');
  expect(jsonl).toContain('"agency":"cost-a 局"');
  for (const f of FORMATS) expect(await agenciesOnPage(f)).toEqual(['cost-a', 'cost-b', 'cost-c']);
});

test('two instances of the builder taking turns on one node each read what the other wrote', async () => {
  // A second instance: its own modules (its own pages held), the same table and bucket.
  const other = {} as { applyChanges: typeof applyChanges };
  const env = readEnv();
  const store = objectStore();
  jest.isolateModules(() => {
    (require('../../functions/env') as typeof import('../../functions/env')).configureFunctions(env);
    (
      require('../../functions/published/objects') as typeof import('../../functions/published/objects')
    ).configureObjectStore(store);
    (require('../../functions/published/places') as typeof import('../../functions/published/places')).configurePlaces(
      FLAT_PLACES,
    );
    other.applyChanges = (
      require('../../functions/published/changes') as typeof import('../../functions/published/changes')
    ).applyChanges;
  });
  configureFunctions(env);
  repo.publishing.setEnabled(false);
  try {
    const node = keys.publicNode(YEAR, ROOT_NODE);
    const entryOf = async (agency: string) =>
      (await table().db.get({ Key: { [KEY.partition]: node, [KEY.sort]: keys.publicAgency(agency) } })).Item!;
    // This instance wrote the node last (the test above); the other withdraws cost-a from it…
    const a = await entryOf('cost-a');
    const withdrawn: Record<string, unknown> = { ...a, state: 'withdrawn', rev: Number(a.rev) + 100 };
    for (const k of ['name', 'version', 'publishedAt', 'format', 'cells']) delete withdrawn[k];
    await table().db.put({ Item: withdrawn });
    expect(await other.applyChanges([{ pk: node, sk: keys.publicAgency('cost-a'), item: withdrawn }])).toEqual([]);
    for (const f of FORMATS) expect(await agenciesOnPage(f)).toEqual(['cost-b', 'cost-c']);
    // …then this one changes cost-c: it must not bring back cost-a from the pages it wrote before.
    await submit('cost-c', 'cost-c 局', 2);
    expect(await applyChanges([await versionChange('cost-c', 2)])).toEqual([]);
    const c = await entryOf('cost-c');
    const turn = await counting(() => applyChanges([{ pk: node, sk: keys.publicAgency('cost-c'), item: c }]));
    expect(turn.reads.length).toBe(1 + FORMATS.length);
    for (const f of FORMATS) expect(await agenciesOnPage(f)).toEqual(['cost-b', 'cost-c']);
    // And the other instance, whose pages this one has since changed, reads them back in turn.
    const b = await entryOf('cost-b');
    expect(await other.applyChanges([{ pk: node, sk: keys.publicAgency('cost-b'), item: b }])).toEqual([]);
    const html = (await objectStore().get(pageKey('html', YEAR, ROOT_NODE, 1)))!.toString('utf8');
    expect(html).toMatch(/cost-c[^\n]*第 2 版/);
  } finally {
    repo.publishing.setEnabled(true);
  }
});

test("a batch's places are read once, while the reports' own states are read", async () => {
  const agencies = ['place-a', 'place-b', 'place-c'];
  for (const a of agencies) await submit(a, `${a} 局`, 1);
  await repo.publishing.settled();
  repo.publishing.setEnabled(false);
  configurePlaces(registryPlaces());
  const { db } = table();
  const original = { ...db };
  const events: string[] = [];
  for (const m of ['get', 'query', 'put', 'batchGet'] as const)
    (db as unknown as Record<string, unknown>)[m] = async (...args: unknown[]) => {
      events.push(`${m} sent`);
      try {
        return await (original[m] as (...a: unknown[]) => Promise<unknown>)(...args);
      } finally {
        events.push(`${m} answered`);
      }
    };
  try {
    for (const a of agencies) await submit(a, `${a} 局`, 2);
    const changes = await Promise.all(agencies.map((a) => versionChange(a, 2)));
    events.length = 0;
    expect(await applyChanges(changes)).toEqual([]);
  } finally {
    Object.assign(db, original);
    configurePlaces(FLAT_PLACES);
    repo.publishing.setEnabled(true);
  }
  const sent = events.filter((e) => e.endsWith('sent'));
  // One read of the three places (none again while it is out), each report's partition once, each entry once.
  expect(sent.sort()).toEqual([
    'batchGet sent',
    'put sent',
    'put sent',
    'put sent',
    'query sent',
    'query sent',
    'query sent',
  ]);
  // The states were asked for before the places came back: one round trip, not two in a row.
  expect(events.indexOf('query sent')).toBeLessThan(events.indexOf('batchGet answered'));
});

test('a long history is not read through: the newest items, the latest decision and transition, the public version', async () => {
  const agency = 'cost-long';
  for (let n = 1; n <= 14; n++) await submit(agency, `${agency} 局`, n);
  const admin = await repo.token({ admin: true });
  const pinned = await repo.request('POST', `/api/reports/${agency}/${YEAR}/versions/3/publish`, { token: admin });
  expect(pinned.status).toBe(200);
  await repo.publishing.settled();
  const entryOf = async () =>
    (
      await table().db.get({
        Key: { [KEY.partition]: keys.publicNode(YEAR, ROOT_NODE), [KEY.sort]: keys.publicAgency(agency) },
      })
    ).Item!;
  repo.publishing.setEnabled(false);
  try {
    const { db } = table();
    const query = db.query.bind(db);
    let items = 0;
    db.query = async (input) => {
      const out = await query(input);
      items += out.Items.length;
      return out;
    };
    let cost;
    try {
      cost = await counting(() => applyChanges([{ pk: keys.report(agency, YEAR), sk: keys.version(14) }]));
    } finally {
      db.query = query;
    }
    // The first read (ten versions), the latest decision and transition beside each other, version 3 by itself.
    expect(cost.dynamo.sort()).toEqual(['get', 'put', 'query', 'query', 'query']);
    expect(items).toBeLessThanOrEqual(11);
    // What the whole partition says (the entry is written again over itself: the same revision).
    const head = await wholeHead(agency, YEAR);
    expect(publicationOfHead(head)).toMatchObject({ state: 'published', version: 3 });
    const entry = await entryOf();
    expect(entry).toMatchObject({ state: 'published', version: 3, rev: 14 + 1 });
  } finally {
    repo.publishing.setEnabled(true);
  }
  const page = (await objectStore().get(publishedPaths.report(agency, YEAR).slice(1)))!.toString('utf8');
  expect(page).toContain('第3版');
});
