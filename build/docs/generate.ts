/**
 * `npm run docs`: rewrites the generated documentation — whole pages (docs/rules.md) and the marked blocks inside
 * hand-written pages (`<!-- generated:NAME -->` … `<!-- /generated:NAME -->`). test/docs/generated.test.ts fails when
 * a page is out of step with the code, and names this command.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rulesPage } from './rules';

const ROOT = join(__dirname, '..', '..');

/** Pages generated whole, by path from the repository root. */
export function generatedPages(): Record<string, string> {
  return {
    'docs/rules.md': rulesPage('zh'),
    'docs/rules.en.md': rulesPage('en'),
  };
}

export function writeGeneratedDocs(): string[] {
  const written: string[] = [];
  for (const [path, text] of Object.entries(generatedPages())) {
    const file = join(ROOT, path);
    let before: string | undefined;
    try {
      before = readFileSync(file, 'utf8');
    } catch {
      before = undefined;
    }
    if (before === text) continue;
    writeFileSync(file, text);
    written.push(path);
  }
  return written;
}

if (require.main === module) {
  const written = writeGeneratedDocs();
  process.stdout.write(
    written.length ? `已更新 / updated: ${written.join(', ')}\n` : '文档已是最新 / docs up to date\n',
  );
}
