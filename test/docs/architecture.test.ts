/**
 * docs/architecture.md against the code: every path it names exists, the five change requests list the same files
 * in both languages, each named symbol is in its file, and the claims "the rest follows" hold. When this fails after
 * a change to the code, update the page (docs/architecture.md and architecture.en.md) with it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { roomGaps } from '../../build/docs/architecture';
import { ROUTES } from '../../contract/routes';
import { HANDLER_MODULES } from '../../functions/handlers';
import { SECTIONS } from '../../report/format';
import { RULES } from '../../report/rules';

const ROOT = join(__dirname, '..', '..');
const SOURCE_DIRS = ['report', 'contract', 'addin', 'web', 'functions', 'build', 'dev', 'infra', 'cli', 'harness'];

function sourceFiles(dir: string, out: string[] = []): string[] {
  if (!existsSync(join(ROOT, dir))) return out;
  for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory()) sourceFiles(path, out);
    else if (/\.(ts|tsx)$/.test(e.name)) out.push(path);
  }
  return out;
}
const SOURCES = SOURCE_DIRS.flatMap((d) => sourceFiles(d));
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

interface Entry {
  paths: string[];
  symbol?: string;
}

/** The change requests of a page: `### N. …` under the given heading, each a list of `- \`path\` · \`Symbol\`：…`. */
function changeRequests(page: string, heading: string): Map<number, Entry[]> {
  const text = read(page);
  const part = text.slice(text.indexOf(`## ${heading}`));
  const out = new Map<number, Entry[]>();
  let current: Entry[] | undefined;
  for (const line of part.split('\n').slice(1)) {
    if (line.startsWith('## ')) break;
    const h = /^### (\d+)\./.exec(line);
    if (h) out.set(Number(h[1]), (current = []));
    const m = /^- ((?:`[^`]+`(?:、|, )?)+)(?: · `([^`]+)`)?[：:]/.exec(line);
    if (m && current)
      current.push({ paths: [...m[1]!.matchAll(/`([^`]+)`/g)].map((x) => x[1]!), ...(m[2] ? { symbol: m[2] } : {}) });
  }
  return out;
}

const ZH = changeRequests('docs/architecture.md', '五种常见修改及其涉及的文件');
const EN = changeRequests('docs/architecture.en.md', 'Five common changes and the files they touch');

/** Does the entry's path exist? A `<placeholder>` file needs its folder; a folder path ends with /. */
function exists(path: string): boolean {
  if (path.includes('<')) return existsSync(join(ROOT, dirname(path)));
  return existsSync(join(ROOT, path));
}

/** The files a list of entries covers: files named, and everything under folders named. */
function covers(entries: Entry[], file: string): boolean {
  return entries.some((e) => e.paths.some((p) => p === file || (p.endsWith('/') && file.startsWith(p))));
}

describe('docs/architecture.md', () => {
  it('describes every room of the lint’s border map', () => {
    expect(roomGaps()).toEqual([]);
  });

  it('every repository path it names exists, in both languages', () => {
    const top = new Set(readdirSync(ROOT));
    const missing: string[] = [];
    for (const page of ['docs/architecture.md', 'docs/architecture.en.md'])
      for (const m of read(page).matchAll(/`([\w.-]+\/[^`\s]*)`/g)) {
        const path = m[1]!.replace(/\/\*$/, '/');
        if (top.has(path.split('/')[0]!) && !exists(path)) missing.push(`${page}: ${path}`);
      }
    expect(missing).toEqual([]);
  });

  it('lists five change requests, the same files in Chinese and English', () => {
    expect([...ZH.keys()]).toEqual([1, 2, 3, 4, 5]);
    const same = (entries: Entry[] | undefined) =>
      entries?.map((e) => ({ ...e, paths: e.paths.map((p) => p.replace(/<[^>]+>/g, '<name>')) }));
    for (const [n, entries] of ZH) {
      expect(entries.length).toBeGreaterThan(1);
      expect(same(EN.get(n))).toEqual(same(entries));
    }
  });

  it('each file of a change request exists and holds the name the page gives', () => {
    const problems: string[] = [];
    for (const [n, entries] of ZH)
      for (const e of entries)
        for (const p of e.paths) {
          if (!exists(p)) problems.push(`${n}: ${p} does not exist`);
          else if (e.symbol && !p.includes('<') && statSync(join(ROOT, p)).isFile() && !read(p).includes(e.symbol))
            problems.push(`${n}: ${p} has no ${e.symbol}`);
        }
    expect(problems).toEqual([]);
  });

  it('1. add a rule: rule codes appear only in report/ and build/docs/, the rest takes the registry', () => {
    const codes = new RegExp(`'(${RULES.map((r) => r.code).join('|')})'`);
    const outside = SOURCES.filter((f) => !f.startsWith('report/') && !f.startsWith('build/docs/'));
    expect(outside.filter((f) => codes.test(read(f)))).toEqual([]);
  });

  it('2. a field on the published page: one page renderer, called by the publishing builder and the CLI', () => {
    const callers = SOURCES.filter((f) => !f.startsWith('report/render/') && /renderReportHtml\(/.test(read(f)));
    expect(callers.sort()).toEqual(['cli/commands/render.ts', 'functions/published/report.ts']);
    expect(covers(ZH.get(2)!, 'functions/published/report.ts')).toBe(true);
  });

  it('3. a report field: the files the pattern field passes through are exactly those listed', () => {
    const passing = SOURCES.filter((f) => !f.startsWith('build/docs/') && /\bpreamble\b|META_PREAMBLE/.test(read(f)));
    expect(passing.filter((f) => !covers(ZH.get(3)!, f))).toEqual([]);
    const listedFiles = ZH.get(3)!.flatMap((e) => e.paths.filter((p) => p.endsWith('.ts') && !p.startsWith('test/')));
    expect(listedFiles.filter((f) => !passing.includes(f))).toEqual([]);
  });

  it('4. an API route: every route has its handler module, and infra/ and dev/ name no route themselves', () => {
    expect(Object.keys(HANDLER_MODULES).sort()).toEqual([...new Set(ROUTES.map((r) => r.handler))].sort());
    const paths = /['"`]\/(reports|published|open-data)\b/;
    const naming = SOURCES.filter((f) => (f.startsWith('infra/') || f.startsWith('dev/')) && paths.test(read(f)));
    expect(naming).toEqual([]);
  });

  it('5. a heading variant: the official headings are declared once, in report/format/shared.ts', () => {
    for (const { heading } of SECTIONS) {
      const literal = `'${heading}'`;
      expect(SOURCES.filter((f) => read(f).includes(literal))).toEqual(['report/format/shared.ts']);
    }
  });
});
