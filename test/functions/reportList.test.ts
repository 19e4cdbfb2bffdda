/**
 * The administrators' yearly list (GET /api/reports without agency=) pages: every agency known for the year —
 * registered, or with a version in the year or the year before — comes exactly once, in id order, a page of at most
 * `limit` lines at a time, whatever the sharding of the index and however many versions an agency has; the pages
 * together say what one large page says. Wrong limits and cursors are a 400.
 */
import { recordAgency } from '../../functions/store';
import type { ReportList, ReportListEntry } from '../../contract/answers';
import { consistentReport, newKey, startRepository, type TestRepository } from './helpers';

jest.setTimeout(90_000);

const YEAR = 2022;
let repo: TestRepository;
let admin: string;

/**
 * Submitting this year (list-d five times: its index shard, which list-e3 shares, is cut within its versions), only
 * the year before, registered only (one without a name).
 */
const THIS_YEAR = ['list-b', 'list-d', 'list-e3', 'list-f', 'list-h', 'list-j', 'list-l', 'list-n'];
const LAST_YEAR = ['list-a', 'list-g', 'list-m', 'list-n'];
const REGISTERED: Record<string, string | null> = { 'list-c': '丙局', 'list-g': '庚局（登记名）', 'list-k': null };

async function submit(agency: string, year: number, name: string): Promise<void> {
  const r = await repo.request('POST', '/api/reports', {
    token: await repo.token({ agency }),
    headers: { 'idempotency-key': newKey() },
    body: consistentReport(year, name),
  });
  expect(r.status).toBe(201);
}

beforeAll(async () => {
  repo = await startRepository('report-list');
  admin = await repo.token({ agency: 'list-admin', admin: true });
  for (const a of LAST_YEAR) await submit(a, YEAR - 1, `${a} 去年名`);
  for (const a of THIS_YEAR) await submit(a, YEAR, `${a} 局`);
  for (let i = 0; i < 4; i++) await submit('list-d', YEAR, 'list-d 局');
  for (const [a, name] of Object.entries(REGISTERED)) await recordAgency(a, name, new Date().toISOString());
});
afterAll(() => repo.close());

async function list(query: string): Promise<{ status: number; json: ReportList }> {
  const r = await repo.request('GET', `/api/reports?year=${YEAR}${query}`, { token: admin });
  return { status: r.status, json: r.json as ReportList };
}

async function allPages(limit: number): Promise<{ pages: ReportListEntry[][]; lines: ReportListEntry[] }> {
  const pages: ReportListEntry[][] = [];
  let cursor: string | undefined;
  do {
    const r = await list(`&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(r.status).toBe(200);
    pages.push([...r.json.reports]);
    expect(r.json.submitted + r.json.notSubmitted).toBe(r.json.reports.length);
    cursor = r.json.next;
    expect(pages.length).toBeLessThan(50);
  } while (cursor);
  return { pages, lines: pages.flat() };
}

test('pages of at most `limit` lines: every known agency once, in id order, as one large page has them', async () => {
  const known = [...new Set([...THIS_YEAR, ...LAST_YEAR, ...Object.keys(REGISTERED)])].sort();
  const whole = await list('&limit=500');
  expect(whole.json.next).toBeUndefined();
  expect(whole.json.reports.map((r) => r.agency)).toEqual(known);
  for (const limit of [1, 2, 3, 5]) {
    const { pages, lines } = await allPages(limit);
    expect(pages.length).toBeGreaterThan(1);
    for (const p of pages) expect(p.length).toBeLessThanOrEqual(limit);
    expect(lines).toEqual(whole.json.reports);
  }
  const byId = new Map(whole.json.reports.map((r) => [r.agency, r]));
  // Submitted this year: its latest version (list-d: the fifth) and what is public.
  for (const a of THIS_YEAR) expect(byId.get(a)).toMatchObject({ submitted: true, agencyName: `${a} 局` });
  expect(byId.get('list-d')?.latest?.version).toBe(5);
  expect(byId.get('list-b')?.publication?.state).toBeDefined();
  // Not submitted: the registered name wins, else last year's.
  expect(byId.get('list-a')).toEqual({ agency: 'list-a', agencyName: 'list-a 去年名', submitted: false });
  expect(byId.get('list-g')).toEqual({ agency: 'list-g', agencyName: '庚局（登记名）', submitted: false });
  expect(byId.get('list-c')).toEqual({ agency: 'list-c', agencyName: '丙局', submitted: false });
  expect(byId.get('list-k')).toEqual({ agency: 'list-k', agencyName: null, submitted: false });
  expect(whole.json).toMatchObject({ submitted: THIS_YEAR.length, notSubmitted: known.length - THIS_YEAR.length });
});

test('the default page, and wrong limits and cursors', async () => {
  const first = await list('');
  expect(first.status).toBe(200);
  expect(first.json.reports.length).toBeGreaterThan(0);
  for (const q of ['&limit=0', '&limit=501', '&limit=-1', '&limit=abc', '&cursor=%2E%2E', '&cursor=IyMj']) {
    const r = await list(q);
    expect([q, r.status, (r.json as unknown as { code: string }).code]).toEqual([q, 400, 'E-PARAM-INVALID']);
  }
});
