/**
 * Hostile request bodies for POST /reports, 1,000+ cases per kind — random and malformed JSON, text and HTML,
 * .xlsx bytes (fast-check and byte-level mutation of real files), a zip bomb, oversized bodies, odd content types
 * and charsets. Expected: a clear 4xx every time, never a 5xx, nothing stored, and the server keeps serving. A few
 * hundred go over HTTPS to the running server, the rest through the same adapter in process.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signDevToken } from '../../dev/devAuth';
import { FORMAT_2021 } from '../../report/format';
import { writeWorkbook } from '../../report/workbook/template';
import { makeZip, rezip, zerosDeflated } from '../report/workbook/helpers';
import { acceptedReport, Tally } from './helpers';
import { expectClearRefusal, startHostileStack, type HostileStack, type Via } from './stack';

jest.setTimeout(240_000);

const AGENCY = 'hostile-bodies';
const YEAR = 2021;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const FIXTURES = join(__dirname, '..', 'fixtures');
/** Cases per kind, and how many of them go over HTTPS. */
const CASES = 1000;
const OVER_HTTP = 100;
const SEED = 20260601;

let stack: HostileStack;
let token: string;
let admin: string;
let stored0: number;
const tally = new Tally();

beforeAll(async () => {
  stack = await startHostileStack('hostile-bodies');
  token = await signDevToken(stack.key, { agency: AGENCY });
  admin = await signDevToken(stack.key, { admin: true });
  // One accepted version to start with: later it must still be the only one.
  const ok = await stack.call('http', 'POST', '/api/reports', {
    token,
    headers: { 'content-type': 'application/json', 'idempotency-key': 'first' },
    body: JSON.stringify(acceptedReport(YEAR, 'first')),
  });
  expect(ok.status).toBe(201);
  stored0 = await stack.versions(AGENCY, YEAR, admin);
});

afterAll(async () => {
  tally.print('hostile bodies: cases and answers');
  await stack?.close();
});

let seq = 0;
/** Sends one body; checks it is refused clearly. Returns the status. */
async function send(
  category: string,
  via: Via,
  body: Buffer | string,
  contentType: string,
  allowed: readonly number[],
  extra: Record<string, string> = {},
): Promise<number> {
  const r = await stack.call(via, 'POST', '/api/reports', {
    token,
    headers: {
      'content-type': contentType,
      'idempotency-key': `hostile-${++seq}`,
      'x-confirm-warnings': 'all',
      ...extra,
    },
    body,
  });
  tally.add(`${category} (${via})`, r.status);
  expectClearRefusal(r, allowed);
  return r.status;
}

/** Runs the cases, the first OVER_HTTP of them over HTTPS. */
async function run<T>(category: string, cases: readonly T[], one: (c: T, via: Via) => Promise<unknown>): Promise<void> {
  expect(cases.length).toBeGreaterThanOrEqual(CASES);
  for (const [i, c] of cases.entries()) await one(c, i < OVER_HTTP ? 'http' : 'adapter');
  expect(tally.cases(`${category} (http)`) + tally.cases(`${category} (adapter)`)).toBeGreaterThanOrEqual(CASES);
}

const sample = <T>(arb: fc.Arbitrary<T>, n: number, salt = 0): T[] => fc.sample(arb, { numRuns: n, seed: SEED + salt });

// ── JSON ─────────────────────────────────────────────────────────────────────────────────────────────────────────

const CELL_IDS = FORMAT_2021.cells.map((c) => c.id);
const notAValue = fc.oneof(
  fc.boolean(),
  fc.object({ maxDepth: 2 }),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.constant({}),
);
type Mutation = (r: Record<string, unknown>) => void;
/** Each makes the report something the interchange form does not allow. */
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.constantFrom(...CELL_IDS), notAValue).map(
    ([id, v]): Mutation =>
      (r) =>
        void (((r.values ??= {}) as Record<string, unknown>)[id] = v),
  ),
  fc.string({ minLength: 1, maxLength: 12 }).map(
    (k): Mutation =>
      (r) =>
        void (((r.values ??= {}) as Record<string, unknown>)[`t9.${k}`] = 1),
  ),
  fc
    .string({ maxLength: 8 })
    .filter((f) => f !== '2021' && f !== '2019')
    .map(
      (f): Mutation =>
        (r) =>
          void (r.format = f),
    ),
  fc.oneof(fc.double({ noInteger: true }), fc.integer({ min: 2101 }), fc.integer({ max: 2007 }), fc.string()).map(
    (y): Mutation =>
      (r) =>
        void (r.year = y),
  ),
  fc
    .tuple(
      fc.constantFrom('overview', 'problems', 'other'),
      fc.oneof(fc.integer(), fc.object({ maxDepth: 1 }), fc.boolean()),
    )
    .map(
      ([k, v]): Mutation =>
        (r) =>
          void (((r.sections ??= {}) as Record<string, unknown>)[k] = v),
    ),
  fc.constantFrom('format', 'agency', 'year', 'sections', 'values').map(
    (k): Mutation =>
      (r) =>
        void delete r[k],
  ),
  fc
    .string({ minLength: 1, maxLength: 10 })
    .filter((k) => !['format', 'agency', 'year', 'sections', 'values', 'preamble'].includes(k))
    .map(
      (k): Mutation =>
        (r) =>
          void (r[k] = 'x'),
    ),
  fc.integer({ min: 201, max: 400 }).map(
    (n): Mutation =>
      (r) =>
        void (r.agency = '机'.repeat(n)),
  ),
  fc.tuple(fc.constantFrom(...CELL_IDS), fc.integer({ min: 201, max: 300 })).map(
    ([id, n]): Mutation =>
      (r) =>
        void (((r.values ??= {}) as Record<string, unknown>)[id] = '九'.repeat(n)),
  ),
);

test('JSON: random values, broken syntax and reports out of shape are refused (400/422), nothing stored', async () => {
  const base = JSON.stringify(acceptedReport(YEAR, 'json'));
  const structural = [...base.matchAll(/[{}[\],:"]/g)].map((m) => m.index!);
  const broken = sample(
    fc.oneof(
      fc.integer({ min: 0, max: base.length - 1 }).map((n) => base.slice(0, n)),
      fc
        .tuple(fc.constantFrom(...structural), fc.constantFrom('', '{', '}', ',', ':', '"', '[', ']', '\\', '\u0000'))
        .filter(([i, c]) => c !== base[i])
        .map(([i, c]) => base.slice(0, i) + c + base.slice(i + 1)),
      fc
        .tuple(fc.constantFrom(...structural), fc.uint8Array({ minLength: 1, maxLength: 4 }))
        .map(([i, b]) =>
          Buffer.concat([Buffer.from(base.slice(0, i)), Buffer.from([0xff, ...b]), Buffer.from(base.slice(i + 1))]),
        ),
    ),
    400,
  );
  const random = sample(
    fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? 'null'),
    300,
    1,
  );
  const outOfShape = sample(fc.array(mutation, { minLength: 1, maxLength: 3 }), 300, 2).map((ms) => {
    const r = JSON.parse(base) as Record<string, unknown>;
    for (const m of ms) m(r);
    return JSON.stringify(r);
  });
  const envelopes = sample(fc.oneof(fc.integer(), fc.object({ maxDepth: 1 }), fc.constant(false)), 50, 3).map((c) =>
    JSON.stringify({ report: JSON.parse(base), confirmWarnings: c }),
  );
  const cases = [...broken, ...random, ...outOfShape, ...envelopes];
  await run('JSON', cases, (body, via) => send('JSON', via, body, 'application/json', [400, 413, 422]));
});

// ── Text and HTML ────────────────────────────────────────────────────────────────────────────────────────────────

function mutateBytes(bytes: Buffer, edits: readonly [number, number][]): Buffer {
  const out = Buffer.from(bytes);
  for (const [at, value] of edits) out[at % out.length] = value;
  return out;
}

test('text and HTML: mutated published reports, random text, odd charsets are refused (4xx), nothing stored', async () => {
  const text = readFileSync(join(FIXTURES, 'examples', 'yiyang-hrss-2021.txt'));
  const html = readFileSync(join(__dirname, '..', 'report', 'import', 'fixtures', 'yiyang-hrss-2021.html'));
  const edits = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 30 });
  const lines = text.toString('utf8').split('\n');
  const cases: { body: Buffer | string; type: string }[] = [
    ...sample(edits, 250).map((e) => ({ body: mutateBytes(text, e), type: 'text/plain; charset=utf-8' })),
    ...sample(edits, 200, 1).map((e) => ({ body: mutateBytes(html, e), type: 'text/html' })),
    ...sample(fc.shuffledSubarray(lines), 150, 2).map((ls) => ({ body: ls.join('\n'), type: 'text/plain' })),
    ...sample(fc.string({ unit: 'grapheme', maxLength: 2000 }), 150, 3).map((s) => ({ body: s, type: 'text/plain' })),
    ...sample(fc.string({ maxLength: 500 }), 100, 4).map((s) => ({
      body: `<html><body>${s.repeat(3)}<table><tr><td>${s}</td></tr></table>`,
      type: 'text/html',
    })),
    ...sample(fc.uint8Array({ minLength: 1, maxLength: 3000 }), 100, 5).map((b) => ({
      body: Buffer.from(b),
      type: 'text/plain; charset=gb18030',
    })),
    ...sample(fc.constantFrom('shift_jis', 'x-unknown', 'utf-32', 'ebcdic', 'gbk', 'big5', 'iso-8859-1'), 50, 6).map(
      (cs) => ({ body: text, type: `text/plain; charset=${cs}` }),
    ),
    ...sample(
      fc.constantFrom(
        'application/xml',
        'image/png',
        'multipart/form-data; boundary=x',
        'application/octet-stream',
        'text/csv',
        '',
      ),
      30,
      7,
    ).map((t) => ({ body: text, type: t })),
    // Deep nesting, a very long line, an unclosed document.
    { body: '<div>'.repeat(200_000), type: 'text/html' },
    { body: `一、总体情况\n${'公开'.repeat(500_000)}`, type: 'text/plain' },
    { body: '<table><tr><td>'.repeat(20_000), type: 'text/html' },
  ];
  await run('text/HTML', cases, (c, via) =>
    send('text/HTML', via, c.body, c.type, [400, 413, 415, 422], { 'x-report-year': String(YEAR) }),
  );
});

// ── Workbooks ────────────────────────────────────────────────────────────────────────────────────────────────────

test('.xlsx: byte-level mutations of a real workbook, zips that are no workbook, a zip bomb, oversized files are refused, nothing stored', async () => {
  // A real workbook whose report has a table error: refused whole, and any mutation of it too.
  const report = acceptedReport(YEAR, 'xlsx');
  report.values['t3.granted.natural'] = 99;
  const workbook = Buffer.from(await writeWorkbook({ report }));
  const edits = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 40 });
  const enc = (s: string) => new TextEncoder().encode(s);
  const cases: Buffer[] = [
    ...sample(edits, 500).map((e) => mutateBytes(workbook, e)),
    ...sample(fc.integer({ min: 1, max: workbook.length - 1 }), 200, 1).map((n) => workbook.subarray(0, n)),
    ...sample(fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 2000 })), 150, 2).map(([at, junk]) => {
      const i = at % workbook.length;
      return Buffer.concat([workbook.subarray(0, i), Buffer.from(junk), workbook.subarray(i)]);
    }),
    ...sample(fc.uint8Array({ maxLength: 4000 }), 100, 3).map((b) =>
      Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from(b)]),
    ),
    ...sample(
      fc.array(
        fc.tuple(
          fc.constantFrom('xl/workbook.xml', '[Content_Types].xml', 'xl/worksheets/sheet1.xml', 'docProps/app.xml'),
          fc.string({ maxLength: 200 }),
        ),
        { minLength: 1, maxLength: 4 },
      ),
      50,
      4,
    ).map((es) =>
      Buffer.from(makeZip(es.map(([name, s], i) => ({ name: i === 0 ? name : `${name}${i}`, content: enc(s) })))),
    ),
  ];
  await run('xlsx', cases, (body, via) => send('xlsx', via, body, XLSX, [400, 413, 422]));

  // A zip bomb: the template whose first sheet would expand to 200 MB (a few hundred KB).
  const bomb = Buffer.from(rezip(workbook, { 'xl/worksheets/sheet1.xml': zerosDeflated(200) }));
  expect(bomb.length).toBeLessThan(1024 * 1024);
  for (const via of ['http', 'adapter'] as const) {
    const r = await stack.call(via, 'POST', '/api/reports', {
      token,
      headers: { 'content-type': XLSX, 'idempotency-key': `bomb-${via}` },
      body: bomb,
    });
    tally.add('zip bomb', r.status);
    // Stopped by the inflated-bytes budget (413), or on a busy machine by the time budget first (422).
    expectClearRefusal(r, [413, 422]);
    expect(r.json.code).toMatch(/^E-WORKBOOK-(UNZIPPED-TOO-LARGE|TIMEOUT)$/);
  }
  // Oversized: over the API's 3 MiB (the handler's 413), and over 6 MB (refused before any handler runs).
  for (const size of [4 * 1024 * 1024, 7 * 1024 * 1024]) {
    const big = Buffer.concat([workbook, Buffer.alloc(size - workbook.length, 0x20)]);
    const r = await stack.call('http', 'POST', '/api/reports', {
      token,
      headers: { 'content-type': XLSX, 'idempotency-key': `big-${size}` },
      body: big,
    });
    tally.add('oversized workbook', r.status);
    expectClearRefusal(r, [413]);
  }
});

test('after all of it: nothing was stored, and the server still accepts a good report', async () => {
  expect(await stack.versions(AGENCY, YEAR, admin)).toBe(stored0);
  const seen = tally.allStatuses();
  expect(seen.filter((s) => s >= 500)).toEqual([]);
  expect(seen).not.toContain(201);
  const ok = await stack.call('http', 'POST', '/api/reports', {
    token,
    headers: { 'content-type': 'application/json', 'idempotency-key': 'last' },
    body: JSON.stringify(acceptedReport(YEAR, 'last')),
  });
  expect(ok.status).toBe(201);
  expect(await stack.versions(AGENCY, YEAR, admin)).toBe(stored0 + 1);
});
