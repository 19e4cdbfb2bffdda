/**
 * What the public sees: published pages, the index, open data (built by the publishing builder from the store's
 * writes, served from the local object store); admins' publish/withdraw; cross-year checks.
 */
import { publishedPaths } from '../../contract/published';
import { consistentReport, newKey, startRepository, type TestRepository } from './helpers';

let repo: TestRepository;
let token: string;
let admin: string;

beforeAll(async () => {
  repo = await startRepository('publication');
  token = await repo.token({ agency: 'pub-hrss', agencyName: '公开市人社局' });
  admin = await repo.token({ admin: true });
});
afterAll(() => repo.close());

const submit = (body: unknown, headers: Record<string, string> = {}, t = token) =>
  repo.request('POST', '/api/reports', {
    token: t,
    body: body as object,
    headers: { 'idempotency-key': newKey(), ...headers },
  });

const versionShown = (html: string) => /第 (\d+) 版/.exec(html)?.[1];

describe('publish and withdraw', () => {
  test('the latest is published; an admin can publish an earlier version, withdraw, and a new version is published again', async () => {
    const v1 = consistentReport(2021, '公开市人社局');
    v1.sections.other = '本年度未收取信息处理费。第一版。';
    const v2 = consistentReport(2021, '公开市人社局');
    v2.sections.other = '本年度未收取信息处理费。第二版。';
    expect((await submit(v1)).status).toBe(201);
    expect((await submit(v2)).status).toBe(201);

    let page = await repo.request('GET', publishedPaths.report('pub-hrss', 2021));
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('第二版');
    expect(versionShown(page.text)).toBe('2');

    const pin = await repo.request('POST', '/api/reports/pub-hrss/2021/versions/1/publish', {
      token: admin,
      body: { reason: '第二版待核实' },
    });
    expect(pin.status).toBe(200);
    expect(pin.json.publication).toMatchObject({ state: 'published', version: 1, latest: 2 });
    expect(pin.json.publication.decision).toMatchObject({
      action: 'publish',
      version: 1,
      reason: '第二版待核实',
      decidedBy: { admin: true },
    });
    page = await repo.request('GET', publishedPaths.report('pub-hrss', 2021));
    expect(page.text).toContain('第一版');
    expect(versionShown(page.text)).toBe('1');

    const withdraw = await repo.request('POST', '/api/reports/pub-hrss/2021/withdraw', { token: admin });
    expect(withdraw.json.publication.state).toBe('withdrawn');
    page = await repo.request('GET', publishedPaths.report('pub-hrss', 2021));
    expect(page.status).toBe(410);
    expect(page.text).toContain('撤回');
    expect(page.text).not.toContain('第一版');
    // The agency still sees its versions and the state.
    const own = await repo.request('GET', '/api/reports/pub-hrss/2021', { token });
    expect(own.json.publication.state).toBe('withdrawn');
    // Nothing of the year is public: it has no index (nor open data) at all.
    expect((await repo.request('GET', publishedPaths.manifest(2021))).status).toBe(404);
    expect((await repo.request('GET', publishedPaths.record('pub-hrss', 2021))).status).toBe(404);

    // Republishing the latest after a withdrawal.
    await repo.request('POST', '/api/reports/pub-hrss/2021/versions/2/publish', { token: admin });
    expect(versionShown((await repo.request('GET', publishedPaths.report('pub-hrss', 2021))).text)).toBe('2');

    // A decision applies to the versions that existed: a newer accepted submission is published.
    await repo.request('POST', '/api/reports/pub-hrss/2021/withdraw', { token: admin });
    const v3 = consistentReport(2021, '公开市人社局');
    v3.sections.other = '本年度未收取信息处理费。第三版。';
    expect((await submit(v3)).json.version).toBe(3);
    page = await repo.request('GET', publishedPaths.report('pub-hrss', 2021));
    expect(page.status).toBe(200);
    expect(page.text).toContain('第三版');

    expect((await repo.request('POST', '/api/reports/pub-hrss/2021/versions/9/publish', { token: admin })).status).toBe(
      404,
    );
    expect((await repo.request('POST', '/api/reports/nobody/2021/withdraw', { token: admin })).status).toBe(404);
    const badReason = await repo.request('POST', '/api/reports/pub-hrss/2021/withdraw', {
      token: admin,
      body: Buffer.from('{oops'),
      headers: { 'content-type': 'application/json' },
    });
    expect(badReason.status).toBe(400);
  });

  test('unknown reports: 404 pages, in both languages', async () => {
    const r = await repo.request('GET', publishedPaths.report('nobody', 2021));
    expect(r.status).toBe(404);
    expect(r.headers['content-type']).toMatch(/^text\/html/);
    expect(r.text).toContain('未找到');
    expect(r.text).toContain('Not found');
    expect((await repo.request('GET', publishedPaths.record('nobody', 2021))).status).toBe(404);
  });
});

describe("cross-year checks use the agency's published report of the year before", () => {
  test('YEAR-CARRY: carried over last year ≠ carried in this year → refused', async () => {
    const t = await repo.token({ agency: 'year-agency' });
    const last = consistentReport(2022, '跨年局');
    // Last year: 3 new, 2 granted, 1 carried over into the next year.
    Object.assign(last.values, {
      't3.unableNotHeld.natural': 0,
      't3.unableNotHeld.total': 0,
      't3.total.natural': 2,
      't3.total.total': 2,
      't3.carryOver.natural': 1,
      't3.carryOver.total': 1,
    });
    expect((await submit(last, {}, t)).status).toBe(201);
    const now = consistentReport(2023, '跨年局'); // carries 0 in
    const refused = await submit(now, {}, t);
    expect(refused.status).toBe(422);
    expect(refused.json.findings.map((f: { rule: string }) => f.rule)).toContain('YEAR-CARRY');
    // Carrying the 1 in (and handling it) is consistent.
    Object.assign(now.values, {
      't3.carried.natural': 1,
      't3.carried.total': 1,
      't3.granted.natural': 3,
      't3.granted.total': 3,
      't3.total.natural': 4,
      't3.total.total': 4,
    });
    const accepted = await submit(now, {}, t);
    expect(accepted.status).toBe(201);
    expect(accepted.json.findings.filter((f: { rule: string }) => f.rule.startsWith('YEAR-'))).toEqual([]);
  });

  test("YEAR-COPY: last year's prose again is a warning to confirm", async () => {
    const t = await repo.token({ agency: 'copy-agency' });
    const last = consistentReport(2022, '照抄局');
    expect((await submit(last, {}, t)).status).toBe(201);
    const copy = consistentReport(2023, '照抄局');
    copy.sections.overview = last.sections.overview;
    copy.sections.problems = last.sections.problems;
    const r = await submit(copy, {}, t);
    expect(r.status).toBe(422);
    expect(r.json.unconfirmed).toContain('YEAR-COPY');
  });

  test('the previous year counts as it is published: an earlier version an admin published, not the latest', async () => {
    const t = await repo.token({ agency: 'pinned-agency' });
    const carries = consistentReport(2022, '置顶局');
    Object.assign(carries.values, {
      't3.unableNotHeld.natural': 0,
      't3.unableNotHeld.total': 0,
      't3.total.natural': 2,
      't3.total.total': 2,
      't3.carryOver.natural': 1,
      't3.carryOver.total': 1,
    });
    expect((await submit(carries, {}, t)).json.version).toBe(1);
    const latest = consistentReport(2022, '置顶局'); // carries nothing over
    latest.sections.other = '本年度未收取信息处理费。第二版。';
    expect((await submit(latest, {}, t)).json.version).toBe(2);
    // Against the latest (v2, nothing carried over), this year's report carrying nothing in is consistent…
    const now = consistentReport(2023, '置顶局');
    expect((await submit(now, { 'x-confirm-warnings': 'all' }, t)).status).toBe(201);
    // …but once v1 is the published one, last year carried 1 over and this year must carry it in.
    expect(
      (await repo.request('POST', '/api/reports/pinned-agency/2022/versions/1/publish', { token: admin })).status,
    ).toBe(200);
    const refused = await submit(now, { 'x-confirm-warnings': 'all' }, t);
    expect(refused.status).toBe(422);
    expect(refused.json.findings.map((f: { rule: string }) => f.rule)).toContain('YEAR-CARRY');
  });

  test('a withdrawn previous year is not held against this year', async () => {
    const t = await repo.token({ agency: 'withdrawn-agency' });
    const last = consistentReport(2022, '撤回局');
    Object.assign(last.values, {
      't3.unableNotHeld.natural': 0,
      't3.unableNotHeld.total': 0,
      't3.total.natural': 2,
      't3.total.total': 2,
      't3.carryOver.natural': 1,
      't3.carryOver.total': 1,
    });
    expect((await submit(last, {}, t)).status).toBe(201);
    await repo.request('POST', '/api/reports/withdrawn-agency/2022/withdraw', { token: admin });
    expect((await submit(consistentReport(2023, '撤回局'), {}, t)).status).toBe(201);
  });
});

describe('the public index and open data', () => {
  beforeAll(async () => {
    const t = await repo.token({ agency: 'csv-agency' });
    const r = consistentReport(2024 < new Date().getFullYear() ? 2024 : 2021, '=HYPERLINK("http://evil")');
    expect((await submit(r, {}, t)).status).toBe(201);
  });
  const year = 2024 < new Date().getFullYear() ? 2024 : 2021;

  const path = (url: string) => new URL(url).pathname;

  test("the index lists the year's published reports with links and the open-data links", async () => {
    const r = await repo.request('GET', publishedPaths.index(year));
    expect(r.status).toBe(200);
    expect(r.text).toContain(`href="${publishedPaths.report('csv-agency', year)}"`);
    expect(r.text).toContain(`href="${publishedPaths.csv(year, '_', 1)}"`);
    expect(r.text).toContain(`href="${publishedPaths.manifest(year)}"`);
    expect(r.headers['content-security-policy']).toContain("default-src 'none'");
  });

  test('JSON: the manifest names the pages and the columns; a page holds one flat record per report', async () => {
    const m = await repo.request('GET', publishedPaths.manifest(year));
    expect(m.status).toBe(200);
    expect(m.json).toMatchObject({ year, reports: 1, own: 1, pages: [{ page: 1, reports: 1, first: 'csv-agency' }] });
    expect(m.json.columns.find((c: { key: string }) => c.key === 't3.new.total').label).toContain('表三');
    const page = await repo.request('GET', path(m.json.pages[0].jsonl));
    expect(page.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const records = page.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const rec = records.find((x) => x.agencyId === 'csv-agency');
    expect(rec).toMatchObject({
      agency: '=HYPERLINK("http://evil")',
      year,
      format: '2021',
      version: 1,
      url: `https://localhost:3000${publishedPaths.report('csv-agency', year)}`,
      't3.new.total': 3,
    });
    const one = await repo.request('GET', publishedPaths.record('csv-agency', year));
    expect(one.json).toEqual(rec);
  });

  test('CSV: safe against formula injection', async () => {
    const m = await repo.request('GET', publishedPaths.manifest(year));
    const r = await repo.request('GET', path(m.json.pages[0].csv));
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/csv/);
    expect(r.text).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(r.text).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });
});

describe('the published page', () => {
  const FAKE_NOW = new Date('2022-01-20T02:30:00.000Z');
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

  test('snapshot of a published report page (fixed time)', async () => {
    const t = await repo.token({ agency: 'snapshot-agency' });
    jest.useFakeTimers({ now: FAKE_NOW, doNotFake: [...ALL_BUT_DATE] });
    try {
      const r = await submit(consistentReport(2021, '快照市人力资源和社会保障局'), {}, t);
      expect(r.status).toBe(201);
      expect(r.json.submittedAt).toBe(FAKE_NOW.toISOString());
    } finally {
      jest.useRealTimers();
    }
    const page = await repo.request('GET', publishedPaths.report('snapshot-agency', 2021));
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.text).toContain('快照市人力资源和社会保障局2021年政府信息公开工作年度报告');
    expect(page.text).toContain(publishedPaths.record('snapshot-agency', 2021));
    expect(page.text).toContain(`https://localhost:3000${publishedPaths.report('snapshot-agency', 2021)}`);
    expect(page.text).toMatchSnapshot();
  });
});
