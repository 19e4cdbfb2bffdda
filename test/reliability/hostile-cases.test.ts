/**
 * Issue 12's hostile cases against the real `nianbao serve` (a child process): each hostile request is answered with
 * a clean 4xx within 2 s, the server's process tree grows by less than 256 MB RSS while it is handled (sampled every
 * 20 ms from /proc), and a well-formed submission sent at the same moment is still accepted. Besides the files of
 * ./hostileCases: a path with malformed percent-encoding (%ZZ) and an Idempotency-Key of `__proto__` reused with
 * another body.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPLAYED_HEADER } from '../../contract/headers';
import {
  acceptedReport,
  forget,
  freePort,
  https,
  startServe,
  stopServe,
  type HttpAnswer,
  type Target,
} from './helpers';
import { hostileFiles } from './hostileCases';

jest.setTimeout(180_000);

const YEAR = 2021;
const AGENCY = 'hostile-cases';
const MB = 1024 * 1024;

const dir = mkdtempSync(join(tmpdir(), 'nianbao-hostile-cases-'));
let child: ChildProcess | undefined;
let target: Target;
let token: string;

/** The RSS of a process and all its descendants, in bytes (from /proc). */
function treeRss(root: number): number {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // pid (comm) state ppid …: the command may hold spaces and parentheses, so read after the last ')'.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // gone meanwhile
    }
  }
  let total = 0;
  const todo = [root];
  while (todo.length) {
    const pid = todo.pop()!;
    try {
      const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      total += Number(kb ?? 0) * 1024;
    } catch {
      // gone meanwhile
    }
    todo.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** Runs `fn` while sampling the tree's RSS; the largest growth over the RSS just before. */
async function peakGrowth<T>(fn: () => Promise<T>): Promise<{ value: T; growth: number }> {
  const before = treeRss(child!.pid!);
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, treeRss(child!.pid!))), 20);
  try {
    const value = await fn();
    peak = Math.max(peak, treeRss(child!.pid!));
    return { value, growth: peak - before };
  } finally {
    clearInterval(timer);
  }
}

let accepted = 0;
/** A well-formed submission (JSON), each one new. */
function goodSubmission(): Promise<HttpAnswer> {
  const n = ++accepted;
  return https(target, 'POST', '/api/reports', {
    token,
    headers: { 'content-type': 'application/json', 'idempotency-key': `good-${n}` },
    body: JSON.stringify(acceptedReport(YEAR, `第${n}份`)),
  });
}

beforeAll(async () => {
  ({ child, target } = await startServe(await freePort(), dir));
  const t = await https(target, 'POST', '/api/dev/token', {
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ agency: AGENCY }),
  });
  expect(t.status).toBe(200);
  token = t.json.token as string;
  // Warm up every path the cases take (lazy imports, the first DynamoDB calls), so that growth is the case's own.
  expect((await goodSubmission()).status).toBe(201);
  const files = await hostileFiles(YEAR);
  for (const f of files)
    await https(target, 'POST', '/api/reports', {
      token,
      headers: { 'content-type': f.contentType, 'idempotency-key': 'warm-up' },
      body: f.body,
    });
}, 180_000);

afterAll(async () => {
  forget(target);
  await stopServe(child);
  rmSync(dir, { recursive: true, force: true });
});

interface Case {
  readonly name: string;
  send(): Promise<HttpAnswer>;
}

const rows: string[] = [];

/** The case answered with a 4xx (an error code, both languages) in < 2 s, < 256 MB growth; a good one beside it. */
async function check(c: Case): Promise<HttpAnswer> {
  const { value, growth } = await peakGrowth(async () => {
    const started = performance.now();
    const [hostile, good] = await Promise.all([
      c.send().then((r) => ({ r, ms: performance.now() - started })),
      goodSubmission(),
    ]);
    return { ...hostile, good };
  });
  const { r, ms, good } = value;
  rows.push(
    `${c.name}: ${r.status} ${String(r.json?.code)} in ${ms.toFixed(0)} ms, RSS +${(growth / MB).toFixed(0)} MB`,
  );
  expect([c.name, r.status >= 400 && r.status < 500]).toEqual([c.name, true]);
  expect(String(r.json.code)).toMatch(/^E-[A-Z-]+$/);
  expect((r.json.message as { zh: string }).zh).toMatch(/[\u4e00-\u9fff]/);
  expect(ms).toBeLessThan(2000);
  expect(growth).toBeLessThan(256 * MB);
  expect([c.name, good.status]).toEqual([c.name, 201]);
  return r;
}

test('each hostile file: a clean 4xx in < 2 s, < 256 MB, while a good submission is accepted', async () => {
  const files = await hostileFiles(YEAR);
  const codes: Record<string, string> = {};
  for (const f of files) {
    const r = await check({
      name: `${f.name}, ${(f.body.length / 1024).toFixed(0)} KB`,
      send: () =>
        https(target, 'POST', '/api/reports', {
          token,
          headers: { 'content-type': f.contentType, 'idempotency-key': `hostile-${f.file}` },
          body: f.body,
        }),
    });
    codes[f.name] = `${r.status} ${String(r.json.code)}`;
    if (r.json.code === 'E-REPORT-ERRORS') {
      // Read in full: the errors name what is wrong (each count over 10,000,000, or the broken sum's cell).
      const errors = (r.json.findings as { rule: string; severity: string; cells: { id: string }[] }[]).filter(
        (x) => x.severity === 'error',
      );
      if (f.name.startsWith('1e308')) expect(errors.filter((x) => x.rule === 'TYPE-INT').length).toBeGreaterThan(50);
      else expect(errors.some((x) => x.cells.some((cell) => cell.id === 't3.granted.natural'))).toBe(true);
    }
  }
  // Ranges are never expanded: the workbook is read, and its one error found.
  expect(codes['merge range A10:XFD1048576']).toBe('422 E-REPORT-ERRORS');
  expect(codes['data-validation sqref A1:XFD1048576']).toBe('422 E-REPORT-ERRORS');
  expect(codes['a hidden 23rd zip entry inflating to 400 MB']).toBe('400 E-WORKBOOK-ZIP-INVALID');
  expect(codes['300,000 empty cells']).toBe('422 E-WORKBOOK-TOO-MANY-CELLS');
  // Rows past the layout's last input row are never scanned: read, and its one error found.
  expect(codes['1.1 M cells']).toBe('422 E-REPORT-ERRORS');
  expect(codes['200,000 nested <div>']).toBe('422 E-NOT-A-REPORT');
  expect(codes['confirmWarnings 5,000 deep']).toBe('400 E-BODY-TOO-DEEP');
  expect(codes['1e308 in every count']).toBe('422 E-REPORT-ERRORS');
});

test('a path with malformed percent-encoding is a 400, not a 500', async () => {
  const r = await check({ name: '%ZZ path', send: () => https(target, 'GET', `/api/reports/%ZZ/${YEAR}`, { token }) });
  expect([r.status, r.json.code]).toEqual([400, 'E-PATH-MALFORMED']);
});

test('Idempotency-Key __proto__ is an ordinary key: reused with another body, 422 mismatch', async () => {
  const send = (marker: string) =>
    https(target, 'POST', '/api/reports', {
      token,
      headers: { 'content-type': 'application/json', 'idempotency-key': '__proto__' },
      body: JSON.stringify(acceptedReport(YEAR, marker)),
    });
  expect((await send('proto-1')).status).toBe(201);
  const replay = await send('proto-1');
  expect([replay.status, replay.headers[REPLAYED_HEADER]]).toEqual([201, 'true']);
  const r = await check({ name: 'Idempotency-Key __proto__, another body', send: () => send('proto-2') });
  expect([r.status, r.json.code]).toEqual([422, 'E-IDEMPOTENCY-MISMATCH']);
});

afterAll(() => {
  // The measured figures, for the report and the limits page.
  console.log(`hostile cases on nianbao serve:\n  ${rows.join('\n  ')}`);
});
