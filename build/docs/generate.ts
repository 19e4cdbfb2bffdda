/**
 * `npm run docs`: rewrites the generated documentation — whole pages (docs/rules.md) and the marked blocks inside
 * hand-written pages (`<!-- generated:NAME -->` … `<!-- /generated:NAME -->`, in the page's language: *.en.md is
 * English). test/docs/generated.test.ts fails when a page is out of step with the code, and names this command.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { apiBlocks } from './api';
import { roomsTable } from './architecture';
import { registryColumnsTable } from './registry';
import { rulesPage } from './rules';

const ROOT = join(__dirname, '..', '..');

type Lang = 'zh' | 'en';

/** Pages generated whole, by path from the repository root. */
function wholePages(): Record<string, string> {
  return { 'docs/rules.md': rulesPage('zh'), 'docs/rules.en.md': rulesPage('en') };
}

function blocks(lang: Lang): Record<string, string> {
  return { ...apiBlocks(lang), rooms: roomsTable(lang), 'registry-columns': registryColumnsTable(lang) };
}

const BLOCK = /(<!-- generated:([a-z-]+) -->)\n(?:[\s\S]*?\n)?(<!-- \/generated:\2 -->)/g;

/** The page with each marked block replaced by what the code says; unknown block names are returned. */
export function fillBlocks(text: string, lang: Lang): { text: string; unknown: string[] } {
  const known = blocks(lang);
  const unknown: string[] = [];
  const filled = text.replace(BLOCK, (whole, open: string, name: string, close: string) => {
    const body = known[name];
    if (body === undefined) {
      unknown.push(name);
      return whole;
    }
    return `${open}\n${body}\n${close}`;
  });
  return { text: filled, unknown };
}

/** Every Markdown file of the documentation, by path from the repository root. */
export function markdownFiles(): string[] {
  const out = readdirSync(ROOT).filter((f) => f.endsWith('.md'));
  const walk = (dir: string) => {
    for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (e.name.endsWith('.md')) out.push(relative(ROOT, join(ROOT, path)));
    }
  };
  walk('docs');
  return out.sort();
}

const langOf = (path: string): Lang => (path.endsWith('.en.md') ? 'en' : 'zh');

function read(path: string): string | undefined {
  try {
    return readFileSync(join(ROOT, path), 'utf8');
  } catch {
    return undefined;
  }
}

/** What every generated page and every page with generated blocks should hold, with any unknown block names. */
export function expectedDocs(): { pages: Record<string, string>; unknown: string[] } {
  const pages = wholePages();
  const unknown: string[] = [];
  for (const path of markdownFiles()) {
    if (path in pages) continue;
    const text = read(path)!;
    const filled = fillBlocks(text, langOf(path));
    unknown.push(...filled.unknown.map((n) => `${path}: generated:${n}`));
    if (text.includes('<!-- generated:')) pages[path] = filled.text;
  }
  return { pages, unknown };
}

export function writeGeneratedDocs(): string[] {
  const written: string[] = [];
  for (const [path, text] of Object.entries(expectedDocs().pages)) {
    if (read(path) === text) continue;
    writeFileSync(join(ROOT, path), text);
    written.push(path);
  }
  return written;
}

if (require.main === module) {
  const { unknown } = expectedDocs();
  if (unknown.length) process.stderr.write(`未知的生成块 / unknown generated blocks: ${unknown.join(', ')}\n`);
  const written = writeGeneratedDocs();
  process.stdout.write(
    written.length ? `已更新 / updated: ${written.join(', ')}\n` : '文档已是最新 / docs up to date\n',
  );
  process.exitCode = unknown.length ? 1 : 0;
}
