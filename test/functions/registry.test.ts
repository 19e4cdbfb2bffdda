/**
 * The agency registry: a CSV loaded through the API (checked whole, idempotent, line-numbered refusals), listed in
 * pages by office and by region, changes carried down the hierarchy, and the registered name is the published one.
 */
import { publishedPaths } from '../../contract/published';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRegistry } from '../../functions/registry/rows';
import { consistentReport, newKey, startRepository, type TestRepository } from './helpers';

const CSV = readFileSync(join(__dirname, '..', 'fixtures', 'registry', 'agencies.csv'), 'utf8');
const csvBody = (text: string) => ({ headers: { 'content-type': 'text/csv; charset=utf-8' }, body: text });

describe('the registry CSV, row by row', () => {
  it('reads Chinese or English headers in any order, quoted fields, CRLF and a BOM', () => {
    const text = '\uFEFFname,agency,kind,level,parent\r\n"益阳市人民政府",yiyang-gov,政府,市,hunan-gov\r\n';
    const { rows, errors } = parseRegistry(text);
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      {
        line: 2,
        agency: 'yiyang-gov',
        name: '益阳市人民政府',
        level: '市',
        kind: '政府',
        parent: 'hunan-gov',
        office: null,
      },
    ]);
  });

  it('names the line and the column of every fault', () => {
    const text = [
      '机关代码,机关名称,层级,类别,上级政府,公开方式,部门截止日',
      'ok-gov,某省人民政府,省,政府,,,02-30',
      'Bad Id,某局,市,部门,ok-gov,,',
      'dept,某局,市,部门,,报送后公开,',
      'ok-gov,重复,省,政府,,,',
    ].join('\n');
    const { errors } = parseRegistry(text);
    expect(errors.map((e) => [e.line, e.column])).toEqual([
      [2, '部门截止日（departmentDeadline）'],
      [3, '机关代码（agency）'],
      [4, '上级政府（parent）'],
      [4, '公开方式（publishOn）'],
      [5, '机关代码（agency）'],
    ]);
    expect(errors[4]!.message.zh).toContain('与第 2 行重复');
  });
});

describe('the registry through the API', () => {
  let repo: TestRepository;
  let admin: string;
  beforeAll(async () => {
    repo = await startRepository('registry-api');
    admin = await repo.token({ admin: true });
  });
  afterAll(() => repo.close());

  const list = async (token: string, query: string) => repo.request('GET', `/api/agencies?${query}`, { token });

  it('imports once, then changes nothing; a refused file changes nothing either', async () => {
    const first = await repo.request('POST', '/api/agencies', { token: admin, ...csvBody(CSV) });
    expect(first.status).toBe(200);
    expect(first.json).toEqual({ rows: 7, added: 7, changed: 0, unchanged: 0, cascaded: 0 });
    const again = await repo.request('POST', '/api/agencies', { token: admin, ...csvBody(CSV) });
    expect(again.json).toEqual({ rows: 7, added: 0, changed: 0, unchanged: 7, cascaded: 0 });

    // A good row and a bad one: nothing of it is loaded.
    const bad = `${CSV.split('\n')[0]}\nnew-dept,益阳市新局,市,部门,yiyang-gov,,,,,,\nworse,某局,市,部门,no-such-gov,,,,,,\n`;
    const refused = await repo.request('POST', '/api/agencies', { token: admin, ...csvBody(bad) });
    expect(refused.status).toBe(422);
    expect(refused.json.code).toBe('E-REGISTRY-CSV');
    expect(refused.json.errors).toEqual([expect.objectContaining({ line: 3, column: '上级政府（parent）' })]);
    expect(refused.json.message.zh).toContain('第 3 行');
    const page = await list(admin, 'office=yiyang-gov');
    expect(page.json.agencies.map((a: { agency: string }) => a.agency)).toEqual([
      'heshan-gov',
      'yiyang-edu',
      'yiyang-ftz',
      'yiyang-hrss',
    ]);
  });

  it('lists an office’s agencies and a region’s in pages, with paths for grouping', async () => {
    const one = await list(admin, 'office=yiyang-gov&limit=3');
    expect(one.json.agencies).toHaveLength(3);
    expect(one.json.next).toEqual(expect.any(String));
    const two = await list(admin, `office=yiyang-gov&limit=3&cursor=${one.json.next}`);
    expect(two.json.agencies.map((a: { agency: string }) => a.agency)).toEqual(['yiyang-hrss']);
    expect(two.json.next).toBeUndefined();

    const top = await list(admin, 'region=');
    expect(top.json.agencies).toEqual([
      expect.objectContaining({ agency: 'hunan-gov', path: [], office: null, publishOn: 'submission' }),
    ]);
    const county = await list(admin, 'region=heshan-gov');
    expect(county.json.agencies).toEqual([
      expect.objectContaining({
        agency: 'heshan-edu',
        name: '益阳市赫山区教育局',
        path: ['hunan-gov', 'yiyang-gov', 'heshan-gov'],
        office: 'heshan-gov',
        publishOn: 'acceptance',
      }),
    ]);
    expect((await list(admin, 'office=yiyang-gov&cursor=!!')).status).toBe(400);
  });

  it('lets a reviewer see its own office only; a clerk sees its own record', async () => {
    const reviewer = await repo.token({ office: 'yiyang-gov' });
    expect((await list(reviewer, 'office=yiyang-gov')).status).toBe(200);
    expect((await list(reviewer, 'office=heshan-gov')).json.code).toBe('E-AUTH-SCOPE');
    expect((await list(reviewer, 'region=hunan-gov')).status).toBe(403);
    const clerk = await repo.token({ agency: 'heshan-edu' });
    expect((await list(clerk, 'office=heshan-gov')).json.code).toBe('E-AUTH-REVIEWER');
    expect((await repo.request('GET', '/api/agencies/heshan-edu', { token: clerk })).json.name).toBe(
      '益阳市赫山区教育局',
    );
    expect((await repo.request('GET', '/api/agencies/heshan-edu', { token: reviewer })).status).toBe(403);
    expect((await repo.request('GET', '/api/agencies/heshan-gov', { token: reviewer })).status).toBe(200);
  });

  it('carries a new path and a new publication setting down to agencies outside the file', async () => {
    // 赫山区 moves under the province directly and publishes on submission: its department follows.
    const moved = [
      '机关代码,机关名称,层级,类别,上级政府,公开方式',
      'heshan-gov,益阳市赫山区人民政府,县,政府,hunan-gov,报送后公开',
    ].join('\n');
    const res = await repo.request('POST', '/api/agencies', { token: admin, ...csvBody(moved) });
    expect(res.json).toEqual({ rows: 1, added: 0, changed: 1, unchanged: 0, cascaded: 1 });
    const dept = await repo.request('GET', '/api/agencies/heshan-edu', { token: admin });
    expect(dept.json).toMatchObject({ path: ['hunan-gov', 'heshan-gov'], publishOn: 'submission' });
    expect(
      (await list(admin, 'region=yiyang-gov')).json.agencies.map((a: { agency: string }) => a.agency),
    ).not.toContain('heshan-gov');
    expect((await list(admin, 'office=hunan-gov')).json.agencies.map((a: { agency: string }) => a.agency)).toEqual([
      'heshan-gov',
      'yiyang-gov',
    ]);
  });

  it('publishes a report under the registered name whatever the workbook says (AGENCY-NAME)', async () => {
    // On submission for this office, so the page is public at once.
    const setting =
      '机关代码,机关名称,层级,类别,上级政府,公开方式\nyiyang-gov,益阳市人民政府,市,政府,hunan-gov,报送后公开\n';
    expect((await repo.request('POST', '/api/agencies', { token: admin, ...csvBody(setting) })).status).toBe(200);
    const clerk = await repo.token({ agency: 'yiyang-hrss', agencyName: '益阳市人力资源和社会保障局' });
    const spoofed = consistentReport(2021, '益阳市人民政府');
    const key = newKey('spoof');
    const refused = await repo.request('POST', '/api/reports', {
      token: clerk,
      headers: { 'idempotency-key': key },
      body: spoofed,
    });
    expect(refused.status).toBe(422);
    expect(refused.json.unconfirmed).toEqual(['AGENCY-NAME']);
    const finding = refused.json.findings.find((f: { rule: string }) => f.rule === 'AGENCY-NAME');
    expect(finding.cells).toEqual([{ id: 'meta.agency', table: '基本信息', row: '行政机关名称', column: '' }]);
    expect(finding.message.zh).toContain('益阳市人力资源和社会保障局');

    const sent = await repo.request('POST', '/api/reports', {
      token: clerk,
      headers: { 'idempotency-key': key, 'x-confirm-warnings': 'AGENCY-NAME' },
      body: spoofed,
    });
    expect(sent.status).toBe(201);
    expect(sent.json.agencyName).toBe('益阳市人力资源和社会保障局');

    const page = await repo.request('GET', publishedPaths.report('yiyang-hrss', 2021));
    expect(page.status).toBe(200);
    expect(page.text).toContain('<title>益阳市人力资源和社会保障局2021年政府信息公开工作年度报告');
    expect(page.text).not.toContain('益阳市人民政府2021');
    const year = await repo.publishedYear(2021);
    const index = year.index.map((p) => p.text).join('\n');
    expect(index).toContain('益阳市人力资源和社会保障局2021年');
    expect(index).not.toContain('益阳市人民政府2021年政府信息公开工作年度报告</a>');
    const data = await repo.request('GET', publishedPaths.record('yiyang-hrss', 2021));
    expect(data.json.agency).toBe('益阳市人力资源和社会保障局');
    const csv = year.csv.map((p) => p.text).join('\n');
    expect(csv).toContain('益阳市人力资源和社会保障局');
    expect(csv).not.toContain('"益阳市人民政府"');
    // The report itself is kept as it was sent.
    const own = await repo.request('GET', '/api/reports/yiyang-hrss/2021', { token: clerk });
    expect(own.json.report.agency).toBe('益阳市人民政府');
  });
});
