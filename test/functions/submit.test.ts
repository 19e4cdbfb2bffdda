/** POST /reports and the reads of what it stored, against dynalite through the local API Gateway adapter. */
import { publishedPaths } from '../../contract/published';
import { FORMAT_2021 } from '../../report/format';
import { getVersion } from '../../functions/store';
import { MAX_TEXT_CHARS } from '../../report/schema';
import { IDEMPOTENCY_KEY, MAX_BODY_BYTES, yearInChina, yearState } from '../../contract/limits';
import { consistentReport, newKey, startRepository, type TestRepository } from './helpers';

let repo: TestRepository;
let token: string;

beforeAll(async () => {
  repo = await startRepository('submit');
  token = await repo.token({ agency: 'test-hrss', agencyName: '测试市人力资源和社会保障局' });
});
afterAll(() => repo.close());

const submit = (body: unknown, headers: Record<string, string> = {}, t = token) =>
  repo.request('POST', '/api/reports', {
    token: t,
    body: body as object,
    headers: { 'idempotency-key': newKey(), ...headers },
  });

describe('POST /reports', () => {
  test('a consistent report is accepted as version 1 and published', async () => {
    const r = await submit(consistentReport(2021));
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({
      agency: 'test-hrss',
      agencyName: '测试市人力资源和社会保障局',
      year: 2021,
      version: 1,
      format: '2021',
    });
    expect(r.json.findings).toEqual([]);
    expect(r.json.publishedUrl).toBe(`https://localhost:3000${publishedPaths.report('test-hrss', 2021)}`);
    expect(r.json.source).toMatchObject({ kind: 'json', contentType: 'application/json' });
    expect(r.json.source.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(r.headers['idempotent-replayed']).toBe('false');

    const latest = await repo.request('GET', '/api/reports/test-hrss/2021', { token });
    expect(latest.status).toBe(200);
    expect(latest.json.version).toBe(1);
    expect(latest.json.report.values['t3.new.total']).toBe(3);
    expect(latest.json.publication).toMatchObject({ state: 'published', version: 1 });
  });

  test('a report with errors is refused with its findings (422) and nothing is stored', async () => {
    const bad = consistentReport(2022);
    bad.values['t3.new.total'] = 4; // row sum and balance no longer hold
    const r = await submit(bad);
    expect(r.status).toBe(422);
    expect(r.json.code).toBe('E-REPORT-ERRORS');
    expect(r.json.message.zh).toContain('错误');
    expect(r.json.message.en).toContain('errors');
    const rules = r.json.findings.map((f: { rule: string }) => f.rule);
    expect(rules).toContain('T3-ROW-SUM');
    expect(r.json.findings[0].severity).toBe('error');
    expect((await repo.request('GET', '/api/reports/test-hrss/2022', { token })).status).toBe(404);
  });

  test('unconfirmed warnings are refused with the list; confirming them (header or envelope) is accepted', async () => {
    const warned = consistentReport(2023);
    warned.values['t2.fees.amount'] = 8.97723; // TYPE-FEE: more than 4 decimals
    const refused = await submit(warned);
    expect(refused.status).toBe(422);
    expect(refused.json.code).toBe('E-CONFIRM-WARNINGS');
    expect(refused.json.unconfirmed).toContain('TYPE-FEE');
    expect(refused.json.hint.en).toContain('--confirm-warnings');
    expect((await repo.request('GET', '/api/reports/test-hrss/2023', { token })).status).toBe(404);

    const partly = await submit(warned, { 'x-confirm-warnings': 'TEXT-COUNT' });
    expect(partly.status).toBe(422);

    const accepted = await submit(warned, { 'x-confirm-warnings': refused.json.unconfirmed.join(',') });
    expect(accepted.status).toBe(201);
    expect(accepted.json.confirmedWarnings).toEqual(refused.json.unconfirmed);
    expect(accepted.json.counts.warning).toBeGreaterThan(0);

    const envelope = await submit({ report: warned, confirmWarnings: 'all' });
    expect(envelope.status).toBe(201);
    expect(envelope.json.version).toBe(2);
  });

  test('every version stays readable, with who, when and the hash of what was sent; the original is archived', async () => {
    const token = await repo.token({ agency: 'test-archive' });
    const v1 = consistentReport(2024);
    const v2 = consistentReport(2024);
    v2.sections.other = '本年度未收取信息处理费。第二版。';
    const a = await submit(v1, {}, token);
    const b = await submit(v2, {}, token);
    expect([a.status, b.status, a.json.code]).toEqual([201, 201, undefined]);
    expect(b.json.version).toBe(2);

    const list = await repo.request('GET', '/api/reports/test-archive/2024/versions', { token });
    expect(list.status).toBe(200);
    expect(list.json.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]); // newest first
    expect(list.json.versions[0].submittedBy).toMatchObject({
      agency: 'test-archive',
      admin: false,
      username: 'dev-test-archive',
    });
    expect(Date.parse(list.json.versions[0].submittedAt)).not.toBeNaN();

    const first = await repo.request('GET', '/api/reports/test-archive/2024/versions/1', { token });
    expect(first.json.report.sections.other).toBe(v1.sections.other);
    const latest = await repo.request('GET', '/api/reports/test-archive/2024', { token });
    expect(latest.json.version).toBe(2);
    expect(latest.json.report.sections.other).toBe(v2.sections.other);

    const original = await repo.request('GET', '/api/reports/test-archive/2024/versions/1/original', { token });
    expect(original.status).toBe(200);
    expect(JSON.parse(original.text)).toEqual(v1);
    expect(require('node:crypto').createHash('sha256').update(original.body).digest('hex')).toBe(a.json.source.sha256);

    expect((await repo.request('GET', '/api/reports/test-archive/2024/versions/3', { token })).status).toBe(404);
    expect((await repo.request('GET', '/api/reports/test-archive/2024/versions/x', { token })).json.code).toBe(
      'E-VERSION-INVALID',
    );
  });

  test('a report larger than one item is stored in parts and read back whole', async () => {
    const big = consistentReport(2021);
    // Prose that compresses badly (pseudo-random CJK), in all three sections at their size limit.
    const prose = (seed: number) =>
      Array.from({ length: MAX_TEXT_CHARS }, (_, i) =>
        String.fromCharCode(0x4e00 + ((i * 7919 + seed * 104729 + (i >> 3) * 31) % 20000)),
      ).join('');
    big.sections.overview = prose(1);
    big.sections.problems = prose(2);
    big.sections.other = prose(3);
    const r = await submit({ report: big, confirmWarnings: 'all' });
    expect(r.status).toBe(201);
    const meta = await getVersion('test-hrss', 2021, r.json.version);
    expect(meta!.content.parts).toBeGreaterThan(1);
    expect(meta!.original.parts).toBeGreaterThan(1);
    const back = await repo.request('GET', `/api/reports/test-hrss/2021/versions/${r.json.version}`, { token });
    expect(back.json.report.sections).toEqual(big.sections);
  });

  test('the year can be given by header where the body does not state it, and must agree when both do', async () => {
    const noYear = { ...consistentReport(2021), year: null };
    const missing = await submit(noYear);
    expect(missing.status).toBe(422);
    expect(missing.json.code).toBe('E-YEAR-MISSING');
    const given = await submit(noYear, { 'x-report-year': '2021' });
    expect(given.status).toBe(201);
    expect(given.json.year).toBe(2021);
    const clash = await submit(consistentReport(2021), { 'x-report-year': '2022' });
    expect(clash.json.code).toBe('E-YEAR-MISMATCH');
    expect((await submit(consistentReport(2021), { 'x-report-year': 'abcd' })).json.code).toBe('E-YEAR-INVALID');
  });

  test('a report for a year not yet over in China (UTC+8), or not yet begun, is refused (422) saying which', async () => {
    const now = yearInChina();
    const current = consistentReport(2021);
    current.year = now;
    const notOver = await submit(current);
    expect(notOver.status).toBe(422);
    expect(notOver.json.code).toBe('E-YEAR-NOT-OVER');
    expect(notOver.json.message.zh).toContain(`${now} 年到北京时间 ${now + 1} 年 1 月 1 日零时才结束`);
    const future = consistentReport(2021);
    future.year = now + 1;
    const notBegun = await submit(future);
    expect(notBegun.json.code).toBe('E-YEAR-NOT-BEGUN');
    expect(notBegun.json.message.en).toContain(`${now + 1} has not begun`);
    expect((await submit(consistentReport(2021), { 'x-report-year': String(now) })).json.code).toBe('E-YEAR-MISMATCH');
  });
});

describe('bad input gets a clear 4xx, never a 5xx, and stores nothing', () => {
  const cases: [
    string,
    () => Promise<{ status: number; json: { code: string; message: { zh: string; en: string } } }>,
    number,
    string,
  ][] = [
    [
      'no Idempotency-Key',
      () => repo.request('POST', '/api/reports', { token, body: consistentReport(2021) }),
      400,
      'E-IDEMPOTENCY-KEY',
    ],
    [
      'an Idempotency-Key with spaces',
      () => submit(consistentReport(2021), { 'idempotency-key': 'a b' }),
      400,
      'E-IDEMPOTENCY-KEY',
    ],
    [
      'malformed JSON',
      () => submit(Buffer.from('{"format": "2021",'), { 'content-type': 'application/json' }),
      400,
      'E-BODY-MALFORMED',
    ],
    ['JSON that is no report', () => submit({ format: '2021', values: { nope: 1 } }), 400, 'E-REPORT-SCHEMA'],
    ['an empty body', () => submit(Buffer.alloc(0), { 'content-type': 'application/json' }), 400, 'E-BODY-EMPTY'],
    [
      'an unsupported content type',
      () => submit(Buffer.from('x'), { 'content-type': 'image/png' }),
      415,
      'E-CONTENT-TYPE',
    ],
    ['no content type', () => submit(Buffer.from('x')), 415, 'E-CONTENT-TYPE'],
    [
      'text that is not UTF-8',
      () => submit(Buffer.from([0xff, 0xfe, 0xfd]), { 'content-type': 'text/plain' }),
      400,
      'E-BODY-MALFORMED',
    ],
    [
      'an unknown charset',
      () => submit(Buffer.from('x'), { 'content-type': 'text/plain; charset=x-nope' }),
      400,
      'E-BODY-MALFORMED',
    ],
    [
      'bytes that are no workbook',
      () =>
        submit(Buffer.from('PK not a zip'), {
          'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        }),
      400,
      'E-WORKBOOK-NOT-XLSX',
    ],
    [
      'a body over the limit',
      () => submit(Buffer.alloc(MAX_BODY_BYTES + 1, 0x20), { 'content-type': 'text/plain' }),
      413,
      'E-BODY-TOO-LARGE',
    ],
    [
      'a bad confirmation in the envelope',
      () => submit({ report: consistentReport(2021), confirmWarnings: 5 }),
      400,
      'E-BODY-MALFORMED',
    ],
    [
      'an invalid agency',
      () => repo.request('GET', '/api/reports/Bad_Agency/2021', { token }),
      400,
      'E-AGENCY-INVALID',
    ],
    ['an invalid year', () => repo.request('GET', '/api/reports/test-hrss/21', { token }), 400, 'E-YEAR-INVALID'],
  ];
  test.each(cases)('%s', async (_name, run, status, code) => {
    const r = await run();
    expect(r.status).toBe(status);
    expect(r.json.code).toBe(code);
    expect(r.json.message.zh.length).toBeGreaterThan(0);
    expect(r.json.message.en.length).toBeGreaterThan(0);
  });

  test('text in GB18030 (base64 through the gateway) is decoded by its declared charset', async () => {
    const report = {
      ...consistentReport(2021),
      agency: null,
      sections: { overview: 'overview', problems: 'problems', other: '@@' },
    };
    const [head, tail] = JSON.stringify(report).split('@@') as [string, string];
    const gbk = Buffer.from('D0C5CFA2B4A6C0EDB7D1', 'hex'); // 信息处理费 in GB18030
    const body = Buffer.concat([Buffer.from(head), gbk, Buffer.from(tail)]);
    const r = await submit(body, { 'content-type': 'application/json; charset=gb18030', 'x-confirm-warnings': 'all' });
    expect(r.status).toBe(201);
    const back = await repo.request('GET', `/api/reports/test-hrss/2021/versions/${r.json.version}`, { token });
    expect(back.json.report.sections.other).toBe('信息处理费');
    expect(back.json.agencyName).toBe('测试市人力资源和社会保障局'); // from the token, as the report names none
  });

  test('the format has as many cells as the fixture fills', () => {
    expect(Object.keys(consistentReport(2021).values)).toHaveLength(FORMAT_2021.cells.length);
  });
});

describe('hostile input to the API is a clear 4xx', () => {
  test('a year is over at midnight in Beijing (UTC+8), not in UTC', () => {
    const newYearInBeijing = Date.UTC(2026, 11, 31, 16, 0, 0); // 2027-01-01 00:00 in China
    expect(yearInChina(newYearInBeijing - 1)).toBe(2026);
    expect(yearInChina(newYearInBeijing)).toBe(2027);
    expect(yearState(2026, newYearInBeijing - 1)).toBe('current');
    expect(yearState(2026, newYearInBeijing)).toBe('over');
    expect(yearState(2028, newYearInBeijing)).toBe('future');
  });

  test('JSON nested deeper than 16 anywhere (confirmWarnings 5,000 deep) is 400 E-BODY-TOO-DEEP', async () => {
    const deep = `{"report":${JSON.stringify(consistentReport(2021))},"confirmWarnings":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const r = await repo.request('POST', '/api/reports', {
      token,
      body: deep,
      headers: { 'idempotency-key': newKey(), 'content-type': 'application/json' },
    });
    expect(r.status).toBe(400);
    expect(r.json.code).toBe('E-BODY-TOO-DEEP');
    const fine = `{"report":${JSON.stringify(consistentReport(2021))},"confirmWarnings":${'['.repeat(1)}${']'.repeat(1)}}`;
    const ok = await repo.request('POST', '/api/reports', {
      token,
      body: fine,
      headers: { 'idempotency-key': newKey(), 'content-type': 'application/json' },
    });
    expect(ok.status).toBe(201);
  });

  test('malformed percent-encoding in the path is 400 E-PATH-MALFORMED', async () => {
    for (const path of ['/api/reports/%ZZ/2021', '/api/reports/test-hrss/%E0%A4%A', '/api/reports/%/2021']) {
      const r = await repo.request('GET', path, { token });
      expect([r.status, r.json.code]).toEqual([400, 'E-PATH-MALFORMED']);
    }
  });

  test('Idempotency-Key: letters, digits and -_.: only; __proto__, constructor, toString are plain keys', async () => {
    for (const bad of ['with space', 'a/b', 'ключ', 'x'.repeat(129), '"quoted"'])
      expect(IDEMPOTENCY_KEY.test(bad)).toBe(false);
    for (const key of ['__proto__', 'constructor', 'toString']) {
      const first = consistentReport(2023);
      first.sections.other = `${first.sections.other}（${key} 1）`;
      const a = await submit(first, { 'idempotency-key': key });
      expect(a.status).toBe(201);
      const again = await submit(first, { 'idempotency-key': key });
      expect([again.status, again.headers['idempotent-replayed']]).toEqual([201, 'true']);
      const other = consistentReport(2023);
      other.sections.other = `${other.sections.other}（${key} 2）`;
      const b = await submit(other, { 'idempotency-key': key });
      expect([b.status, b.json.code]).toEqual([422, 'E-IDEMPOTENCY-MISMATCH']);
    }
    const spaced = await submit(consistentReport(2023), { 'idempotency-key': 'a b' });
    expect([spaced.status, spaced.json.code]).toEqual([400, 'E-IDEMPOTENCY-KEY']);
  });
});
