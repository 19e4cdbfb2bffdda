/**
 * Bidi overrides and zero-width characters in a submitted report's name, prose and cells: stored without them, with
 * TEXT-INVISIBLE findings in the receipt, and never on the published page, the index or open data (HTML, CSV, JSON).
 */
import { publishedPaths } from '../../contract/published';
import { INVISIBLE } from '../../report/model/invisible';
import { consistentReport, newKey, startRepository, type TestRepository } from './helpers';

let repo: TestRepository;
beforeAll(async () => {
  repo = await startRepository('invisible');
});
afterAll(() => repo.close());

const RLO = '\u202e';
const PDF = '\u202c';

test('a spoofed name and hidden characters: stored clean, found, and never published', async () => {
  const token = await repo.token({ agency: 'bidi-agency' });
  const report = consistentReport(2021, `测试市${RLO}局障保会社和源资力人${PDF}`);
  report.sections.overview = `2021年，\u200b本机关\u2066依法\u2069做好政府信息公开工作。`;
  report.values['t3.new.natural'] = '3\u200d';
  const r = await repo.request('POST', '/api/reports', {
    token,
    body: report,
    headers: { 'idempotency-key': newKey() },
  });
  expect(r.status).toBe(201);
  expect(r.json.agencyName).toBe('测试市局障保会社和源资力人');
  const found = (r.json.findings as { rule: string; message: { zh: string } }[]).filter(
    (f) => f.rule === 'TEXT-INVISIBLE',
  );
  expect(found.map((f) => f.message.zh)).toEqual([
    expect.stringContaining(
      '基本信息的「行政机关名称」中有 2 个看不见的字符（U+202E 从右至左强制、U+202C 方向格式结束）',
    ),
    expect.stringContaining('「一、总体情况」中有 3 个'),
    expect.stringContaining('表三「一、本年新收政府信息公开申请数量」行「自然人」列中有 1 个'),
  ]);

  const stored = await repo.request('GET', '/api/reports/bidi-agency/2021', { token });
  expect(JSON.stringify(stored.json.report)).not.toMatch(INVISIBLE);
  expect(stored.json.report.values['t3.new.natural']).toBe(3);

  const year = await repo.publishedYear(2021);
  const page = await repo.request('GET', publishedPaths.report('bidi-agency', 2021));
  expect(page.status).toBe(200);
  const record = await repo.request('GET', publishedPaths.record('bidi-agency', 2021));
  for (const { path, text } of [
    { path: publishedPaths.report('bidi-agency', 2021), text: page.text },
    { path: publishedPaths.record('bidi-agency', 2021), text: record.text },
    ...year.index,
    ...year.jsonl,
    // The CSV starts with a byte-order mark (for Excel); inside the text there is none.
    ...year.csv.map((c) => ({ path: c.path, text: c.text.replace(/^\ufeff/, '') })),
  ]) {
    expect({ path, invisible: text.match(INVISIBLE) }).toEqual({ path, invisible: null });
    expect(text).toContain('测试市局障保会社和源资力人');
  }
});
