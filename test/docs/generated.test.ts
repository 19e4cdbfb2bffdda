/** The generated documentation is in step with the code: regenerate with `npm run docs` when this fails. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatedPages } from '../../build/docs/generate';

const ROOT = join(__dirname, '..', '..');

describe('generated docs', () => {
  it.each(Object.entries(generatedPages()))('%s is what `npm run docs` writes', (path, text) => {
    let onDisk = '';
    try {
      onDisk = readFileSync(join(ROOT, path), 'utf8');
    } catch {
      throw new Error(`${path} is missing: run \`npm run docs\``);
    }
    if (onDisk !== text) throw new Error(`${path} is out of step with the code: run \`npm run docs\` and commit it`);
  });
});
