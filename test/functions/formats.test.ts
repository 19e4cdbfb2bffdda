/** Submissions in every form the server reads: a workbook, a published report's text and its HTML. */
import { execFileSync } from 'node:child_process';
import { publishedPaths } from '../../contract/published';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MEDIA } from '../../contract/media';
import { writeWorkbook } from '../../report/workbook/template';
import { htmlToDocx, relaidAsHtml } from '../report/import/word';
import { consistentReport, newKey, startRepository, type TestRepository } from './helpers';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const SEED = readFileSync(join(__dirname, '..', 'fixtures', 'examples', 'yiyang-hrss-2021.txt'));

let repo: TestRepository;
let token: string;
beforeAll(async () => {
  repo = await startRepository('formats');
  token = await repo.token({ agency: 'yiyang-hrss', agencyName: '益阳市人力资源和社会保障局' });
});
afterAll(() => repo.close());

const submit = (body: Buffer, headers: Record<string, string>) =>
  repo.request('POST', '/api/reports', { token, body, headers: { 'idempotency-key': newKey(), ...headers } });
const rules = (r: { json: { findings: { rule: string }[] } }) => r.json.findings.map((f) => f.rule);

test('the example published text is refused with its findings, SHAPE-ROW among them; nothing is stored', async () => {
  const r = await submit(SEED, { 'content-type': 'text/plain; charset=utf-8', 'x-report-year': '2021' });
  expect(r.status).toBe(422);
  expect(r.json.code).toBe('E-REPORT-ERRORS');
  expect(rules(r)).toEqual(expect.arrayContaining(['SHAPE-ROW', 'TYPE-FEE', 'TEXT-FEE']));
  const shape = r.json.findings.find((f: { rule: string }) => f.rule === 'SHAPE-ROW');
  expect(shape.cells[0].table).toBe('四');
  expect((await repo.request('GET', '/api/reports/yiyang-hrss/2021', { token })).status).toBe(404);
});

test('without a year the published text (no title line) cannot be filed', async () => {
  const r = await submit(SEED, { 'content-type': 'text/plain' });
  expect(r.status).toBe(422);
  expect(r.json.code).toBe('E-YEAR-MISSING');
});

test('the same text as HTML is read the same way', async () => {
  const lines = SEED.toString('utf8')
    .split('\n')
    .map((l) => `<p>${l.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`);
  const r = await submit(Buffer.from(`<!doctype html><html><body>${lines.join('\n')}</body></html>`), {
    'content-type': 'text/html',
    'x-report-year': '2021',
  });
  expect(r.status).toBe(422);
  expect(rules(r)).toContain('TYPE-FEE');
});

test('a consistent report in the workbook template is accepted; findings name sheet and cell', async () => {
  const report = consistentReport(2021, '益阳市人力资源和社会保障局');
  const ok = await submit(Buffer.from(await writeWorkbook({ report })), { 'content-type': XLSX });
  expect(ok.status).toBe(201);
  expect(ok.json.source.kind).toBe('xlsx');
  const stored = await repo.request('GET', '/api/reports/yiyang-hrss/2021', { token });
  expect(stored.json.report.values['t3.new.total']).toBe(3);
  expect(stored.json.report.sections.other).toBe(report.sections.other);
  // The archived original is the workbook as sent.
  const original = await repo.request('GET', `/api/reports/yiyang-hrss/2021/versions/${ok.json.version}/original`, {
    token,
  });
  expect(original.headers['content-type']).toBe(XLSX);
  expect(original.body.subarray(0, 2).toString()).toBe('PK');

  const bad = consistentReport(2022, '益阳市人力资源和社会保障局');
  bad.values['t3.new.natural'] = 5;
  const refused = await submit(Buffer.from(await writeWorkbook({ report: bad })), { 'content-type': XLSX });
  expect(refused.status).toBe(422);
  const rowSum = refused.json.findings.find((f: { rule: string }) => f.rule === 'T3-ROW-SUM');
  expect(rowSum.cells.some((c: { address?: string }) => /!\$?[A-Z]+\$?\d+$/.test(c.address ?? ''))).toBe(true);
});

test('the example with its faults repaired (table 四 row, fee, prose, 信息处理费) is accepted with no findings', async () => {
  const text = readFileSync(join(__dirname, '..', 'fixtures', 'central', 'yiyang-hrss-2021-consistent.txt'));
  const ok = await submit(text, { 'content-type': 'text/plain; charset=utf-8', 'x-report-year': '2021' });
  expect(ok.status).toBe(201);
  expect(ok.json.findings).toEqual([]);
  expect(ok.json.agencyName).toBe('益阳市人力资源和社会保障局');
  const page = await repo.request('GET', publishedPaths.report('yiyang-hrss', 2021));
  expect(page.text).toContain('本年度未发出信息处理费收费通知');
});

test('GB18030 and UTF-16 text without a declared charset is read as the UTF-8 text is (the CLI detects alike)', async () => {
  const utf8 = await submit(SEED, { 'content-type': 'text/plain', 'x-report-year': '2021' });
  for (const to of ['GB18030', 'UTF-16']) {
    const body = execFileSync('iconv', ['-f', 'UTF-8', '-t', to], { input: SEED });
    const r = await submit(body, { 'content-type': 'text/plain', 'x-report-year': '2021' });
    expect(r.status).toBe(utf8.status);
    expect(r.json.findings).toEqual(utf8.json.findings);
  }
});

test('a text in which no table can be found is 422 E-NOT-A-REPORT, not a list of blanks', async () => {
  const r = await submit(Buffer.from('关于做好政务公开工作的通知\n各单位：请认真落实。'), {
    'content-type': 'text/plain',
    'x-report-year': '2021',
  });
  expect(r.status).toBe(422);
  expect(r.json.code).toBe('E-NOT-A-REPORT');
  expect(r.json.message.zh).toContain('未能找到年报的表格');
});

test('a Word document (.docx) is read as its text is; a PDF is 415 with what to do instead', async () => {
  const text = readFileSync(join(__dirname, '..', 'fixtures', 'examples', 'real', 'pingtan-shs-2024.txt'), 'utf8');
  const { report: docx } = await htmlToDocx({ report: relaidAsHtml(text) });
  const headers = { 'x-report-year': '2024', 'x-confirm-warnings': 'all' };
  const asText = await submit(Buffer.from(text), { 'content-type': 'text/plain', ...headers });
  const asWord = await submit(Buffer.from(docx!), { 'content-type': MEDIA.docx, ...headers });
  expect(asWord.status).toBe(asText.status);
  const rules = (r: { json: { findings: { rule: string; severity: string }[] } }) =>
    r.json.findings.filter((f) => f.severity !== 'info').map((f) => f.rule);
  expect(rules(asWord)).toEqual(rules(asText));
  const pdf = await submit(Buffer.from('%PDF-1.4\n%%EOF\n'), { 'content-type': 'application/pdf' });
  expect(pdf.status).toBe(415);
  expect(pdf.json.code).toBe('E-CONTENT-TYPE');
  expect(JSON.stringify(pdf.json.message)).toMatch(/PDF/);
}, 300_000);
