/**
 * The consolidated 本级政府 report through the API: the accepted reports of the office's departments summed (JSON and
 * the official workbook, which reads back to the same figures and validates clean), included and missing named, and
 * the office's own report held against the sums (CONSOLIDATION-DIFF at the one cell changed).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readWorkbook } from '../../report/workbook/read';
import { validate } from '../../report/rules';
import { consistentReport, newKey, startRepository, type TestRepository } from './helpers';

const CSV = readFileSync(join(__dirname, '..', 'fixtures', 'registry', 'agencies.csv'), 'utf8');

let repo: TestRepository;
let reviewer: string;
beforeAll(async () => {
  repo = await startRepository('consolidation');
  const admin = await repo.token({ admin: true });
  await repo.request('POST', '/api/agencies', { token: admin, headers: { 'content-type': 'text/csv' }, body: CSV });
  reviewer = await repo.token({ agency: 'yiyang-gov', office: 'yiyang-gov' });
  const reports = {
    'yiyang-hrss': consistentReport(2021, '益阳市人力资源和社会保障局'),
    'yiyang-edu': consistentReport(2021, '益阳市教育局'),
  };
  Object.assign(reports['yiyang-edu'].values, { 't4.review.upheld': 2, 't4.review.total': 2 });
  for (const [agency, report] of Object.entries(reports)) {
    const clerk = await repo.token({ agency });
    const sent = await repo.request('POST', '/api/reports', {
      token: clerk,
      headers: { 'idempotency-key': newKey('c') },
      body: report,
    });
    expect(sent.status).toBe(201);
    const ok = await repo.request('POST', `/api/reports/${agency}/2021/accept`, { token: reviewer, body: {} });
    expect(ok.json.review.state).toBe('accepted');
  }
});
afterAll(() => repo.close());

test('sums the accepted departments, names the missing, and the workbook reads back clean', async () => {
  const res = await repo.request('GET', '/api/review/2021/consolidated', { token: reviewer });
  expect(res.status).toBe(200);
  expect(res.json).toMatchObject({ office: 'yiyang-gov', officeName: '益阳市人民政府', scope: 'departments' });
  expect(res.json.included).toEqual([
    { agency: 'yiyang-edu', name: '益阳市教育局', version: 1 },
    { agency: 'yiyang-hrss', name: '益阳市人力资源和社会保障局', version: 1 },
  ]);
  expect(res.json.missing).toEqual([{ agency: 'yiyang-ftz', name: '益阳市林业局', state: 'missing' }]);
  const { report } = res.json;
  expect(report.agency).toBe('益阳市人民政府');
  expect(report.values).toMatchObject({ 't3.new.total': 6, 't3.granted.total': 4, 't4.review.total': 2 });
  expect(report.sections.overview).toContain('收到政府信息公开申请6件');
  expect(res.json.findings).toEqual([]);
  // 全部: the county government too (nothing accepted there): named as missing.
  const all = await repo.request('GET', '/api/review/2021/consolidated?scope=all', { token: reviewer });
  expect(all.json.missing.map((m: { agency: string }) => m.agency)).toEqual(['heshan-gov', 'yiyang-ftz']);

  const file = await repo.request('GET', '/api/review/2021/consolidated?format=xlsx', { token: reviewer });
  expect(file.headers['content-type']).toContain('spreadsheetml');
  const read = await readWorkbook(file.body);
  for (const [id, v] of Object.entries(report.values as Record<string, number>)) expect(read.report.values[id]).toBe(v);
  expect(read.report.agency).toBe('益阳市人民政府');
  expect(validate(read.report, { inputFindings: read.findings })).toEqual([]);
});

test("the office's own report with one cell changed gets CONSOLIDATION-DIFF at that cell, with both figures", async () => {
  const sums = (await repo.request('GET', '/api/review/2021/consolidated', { token: reviewer })).json.report;
  const own = { ...sums, values: { ...sums.values, 't2.normative.issued': 7 } };
  const refused = await repo.request('POST', '/api/reports', {
    token: reviewer,
    headers: { 'idempotency-key': newKey('own') },
    body: own,
  });
  expect(refused.status).toBe(422);
  expect(refused.json.unconfirmed).toEqual(['CONSOLIDATION-DIFF']);
  const diff = refused.json.findings.filter((f: { rule: string }) => f.rule === 'CONSOLIDATION-DIFF');
  expect(diff).toHaveLength(1);
  expect(diff[0].cells.map((c: { id: string }) => c.id)).toEqual(['t2.normative.issued']);
  expect(diff[0].message.zh).toContain('为 7，而 2 个机关已通过的年报合计为 2');
  // The sums themselves are accepted without a warning.
  const same = await repo.request('POST', '/api/reports', {
    token: reviewer,
    headers: { 'idempotency-key': newKey('own') },
    body: sums,
  });
  expect(same.status).toBe(201);
});

test('a version sent after the acceptance does not count until accepted; a return takes the agency out', async () => {
  const before = (await repo.request('GET', '/api/review/2021/consolidated', { token: reviewer })).json;
  // yiyang-edu sends a version 2 with other figures: the accepted version 1 still counts (read by itself).
  const changed = consistentReport(2021, '益阳市教育局');
  Object.assign(changed.values, { 't4.review.upheld': 5, 't4.review.total': 5 });
  const sent = await repo.request('POST', '/api/reports', {
    token: await repo.token({ agency: 'yiyang-edu' }),
    headers: { 'idempotency-key': newKey('c') },
    body: changed,
  });
  expect(sent.json.version).toBe(2);
  const after = (await repo.request('GET', '/api/review/2021/consolidated', { token: reviewer })).json;
  expect(after.included).toEqual(before.included);
  expect(after.report.values).toEqual(before.report.values);
  expect(after.report.values['t4.review.total']).toBe(2);
  // Returned: out of the sums, named missing with its state.
  const back = await repo.request('POST', '/api/reports/yiyang-edu/2021/return', {
    token: reviewer,
    body: { reason: '复核数有误' },
  });
  expect(back.status).toBe(200);
  const returned = (await repo.request('GET', '/api/review/2021/consolidated', { token: reviewer })).json;
  expect(returned.missing).toContainEqual({ agency: 'yiyang-edu', name: '益阳市教育局', state: 'returned' });
  expect(returned.report.values['t4.review.total']).toBe(0);
  // Sent again and accepted: version 3's figures count.
  const again = await repo.request('POST', '/api/reports', {
    token: await repo.token({ agency: 'yiyang-edu' }),
    headers: { 'idempotency-key': newKey('c') },
    body: { ...changed, sections: { ...changed.sections, other: '本年度未收取信息处理费。已更正。' } },
  });
  expect(again.json.version).toBe(3);
  const ok = await repo.request('POST', '/api/reports/yiyang-edu/2021/accept', { token: reviewer, body: {} });
  expect(ok.status).toBe(200);
  const accepted = (await repo.request('GET', '/api/review/2021/consolidated', { token: reviewer })).json;
  expect(accepted.included).toContainEqual({ agency: 'yiyang-edu', name: '益阳市教育局', version: 3 });
  expect(accepted.report.values['t4.review.total']).toBe(5);
});
