/**
 * Every reference resolves: relative links in the Markdown files (and their #anchors), the `docs/…` and `*.md`
 * paths named in code, and each docs page has its English page beside it with the same sections.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'cdk.out', '.data', '.certs', 'coverage', 'tmp']);
const CODE = /\.(ts|tsx|js|cjs|mjs)$/;

function walk(dir: string, keep: (name: string) => boolean, out: string[] = []): string[] {
  for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    if (SKIP_DIRS.has(e.name) || e.name.startsWith('cdk.out')) continue;
    const path = dir ? `${dir}/${e.name}` : e.name;
    if (e.isDirectory()) walk(path, keep, out);
    else if (keep(e.name)) out.push(path);
  }
  return out;
}

const markdown = walk('', (n) => n.endsWith('.md'));
const code = walk('', (n) => CODE.test(n)).filter((p) => !p.startsWith('test/docs/'));

/** Markdown without its code blocks and code spans, where links are not links. */
function prose(text: string): string {
  return text.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
}

/** GitHub's anchors for a page's headings (github-slugger: lower case, punctuation dropped, spaces → hyphens). */
function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const m of text.replace(/^```[\s\S]*?^```/gm, '').matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)) {
    const rendered = m[1]!.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[`*_]/g, (c) => (c === '_' ? c : ''));
    const base = rendered
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
      .replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n ? `${base}-${n}` : base);
  }
  return out;
}

function brokenLinks(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const broken: string[] = [];
  for (const m of prose(text).matchAll(/\]\(<?([^)\s>]+)>?(?:\s+"[^"]*")?\)/g)) {
    const target = m[1]!;
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto: …
    const [path, anchor] = target.split('#') as [string, string | undefined];
    const abs = path ? resolve(ROOT, dirname(file), decodeURI(path)) : join(ROOT, file);
    if (!abs.startsWith(ROOT) || !existsSync(abs)) {
      broken.push(`${file}: ${target} (no such file)`);
      continue;
    }
    if (anchor && abs.endsWith('.md') && !anchors(readFileSync(abs, 'utf8')).has(decodeURI(anchor)))
      broken.push(`${file}: ${target} (no such heading)`);
  }
  return broken;
}

/** `docs/…` and `….md` paths named in a source file's comments, resolved from the repository root or its folder. */
function missingPaths(file: string): string[] {
  const source = readFileSync(join(ROOT, file), 'utf8');
  const text = (source.match(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g) ?? []).join('\n');
  const cited = new Set<string>();
  for (const m of text.matchAll(/(?<![\w./*-])((?:\.{1,2}\/)*(?:[\w.-]+\/)*[\w.-]+\.md)(?![\w/-])/g)) cited.add(m[1]!);
  for (const m of text.matchAll(/(?<![\w./-])(docs\/[\w./-]*[\w/])/g)) cited.add(m[1]!);
  return [...cited]
    .filter((p) => !existsSync(join(ROOT, p)) && !existsSync(resolve(ROOT, dirname(file), p)))
    .map((p) => `${file}: ${p}`);
}

const sections = (file: string) =>
  readFileSync(join(ROOT, file), 'utf8')
    .replace(/^```[\s\S]*?^```/gm, '')
    .split('\n')
    .filter((l) => l.startsWith('## ')).length;

describe('references resolve', () => {
  it('finds the documentation and the code to check', () => {
    expect(markdown).toEqual(expect.arrayContaining(['README.md', 'docs/README.md', 'docs/domain/RULES.md']));
    expect(code.length).toBeGreaterThan(100);
  });

  it('every relative link in a Markdown file names a file that exists, and a heading of it after #', () => {
    expect(markdown.flatMap(brokenLinks)).toEqual([]);
  });

  it('every docs/… or *.md path named in the code exists', () => {
    expect(code.flatMap(missingPaths)).toEqual([]);
  });

  it('each docs page has its English page beside it, with as many sections', () => {
    const pages = markdown.filter((p) => p.startsWith('docs/') && !p.startsWith('docs/domain/'));
    const problems: string[] = [];
    for (const zh of pages.filter((p) => !p.endsWith('.en.md'))) {
      const en = zh.replace(/\.md$/, '.en.md');
      if (!existsSync(join(ROOT, en))) problems.push(`${zh} has no ${en}`);
      else if (sections(zh) !== sections(en))
        problems.push(`${zh} has ${sections(zh)} sections, ${en} ${sections(en)}`);
    }
    for (const en of pages.filter((p) => p.endsWith('.en.md')))
      if (!existsSync(join(ROOT, en.replace(/\.en\.md$/, '.md')))) problems.push(`${en} has no Chinese page`);
    expect(problems).toEqual([]);
  });

  it('README.md stays short', () => {
    expect(statSync(join(ROOT, 'README.md')).size).toBeLessThanOrEqual(10 * 1024);
    expect(statSync(join(ROOT, 'README.en.md')).size).toBeLessThanOrEqual(10 * 1024);
  });
});
