/** The generated documentation is in step with the code: regenerate with `npm run docs` when this fails. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiDescriptionGaps } from '../../build/docs/api';
import { expectedDocs } from '../../build/docs/generate';

const ROOT = join(__dirname, '..', '..');
const { pages, unknown } = expectedDocs();

describe('generated docs', () => {
  it.each(Object.entries(pages))('%s is what `npm run docs` writes', (path, text) => {
    let onDisk = '';
    try {
      onDisk = readFileSync(join(ROOT, path), 'utf8');
    } catch {
      throw new Error(`${path} is missing: run \`npm run docs\``);
    }
    if (onDisk !== text) throw new Error(`${path} is out of step with the code: run \`npm run docs\` and commit it`);
  });

  it('every generated block names a known generator', () => {
    expect(unknown).toEqual([]);
  });

  it('the API pages carry the route, header and error tables', () => {
    for (const page of ['docs/api.md', 'docs/api.en.md'])
      for (const block of ['routes', 'headers', 'errors']) expect(pages[page]).toContain(`<!-- generated:${block} -->`);
  });

  it('every route and header of the contract is described, and every description is of one', () => {
    expect(apiDescriptionGaps()).toEqual([]);
  });
});
