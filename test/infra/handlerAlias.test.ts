/**
 * The Lambda bundles take htmlparser2's Parser and Tokenizer from infra/bundling/htmlparser2.ts instead of the
 * package's index (an esbuild alias in HANDLER_BUNDLING): the index re-exports domutils as a namespace and so brings
 * dom-serializer and a second copy of entities into every bundle that reads a workbook or a page. Here a bundle made
 * with the functions' own options reads a filled workbook and a published page, and must get exactly what the
 * source (the package's index, as the CLI and the dev stack run it) gets; and no deployed function may hold
 * dom-serializer or domutils.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { bundleHandler, handlerBuildOptions, handlerEntries } from '../../infra/handler-bundle';
import { FORMAT_2021 } from '../../report/format';
import { importHtml } from '../../report/import';
import { readWorkbook } from '../../report/workbook/read';
import { writeWorkbook } from '../../report/workbook/template';
import { fixture } from '../report/import/serialise';
import { consistentReport } from '../report/workbook/helpers';

jest.setTimeout(300_000);
const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-handler-alias-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('a bundle made as the functions are reads a workbook and a page exactly as the source does', async () => {
  const workbook = await writeWorkbook({ report: consistentReport(FORMAT_2021, 7) });
  const page = fixture('yiyang-hrss-2021.html');
  writeFileSync(join(dir, 'book.xlsx'), workbook);
  writeFileSync(join(dir, 'page.html'), page);
  const entry = join(dir, 'entry.ts');
  writeFileSync(
    entry,
    [
      "import { readFileSync } from 'node:fs';",
      `import { readWorkbook } from ${JSON.stringify(join(ROOT, 'report/workbook/read'))};`,
      `import { importHtml } from ${JSON.stringify(join(ROOT, 'report/import'))};`,
      'export async function main(dir: string): Promise<string> {',
      "  const book = await readWorkbook(readFileSync(dir + '/book.xlsx'));",
      "  const page = importHtml(readFileSync(dir + '/page.html', 'utf8'));",
      '  return JSON.stringify({ book: book.report, page: page.report });',
      '}',
    ].join('\n'),
  );
  const out = join(dir, 'entry.js');
  const { metafile } = await build({ ...handlerBuildOptions(entry, out), metafile: true });
  const inputs = Object.keys(metafile.inputs);
  expect(inputs).toContain('infra/bundling/htmlparser2.ts');
  expect(inputs.filter((i) => /node_modules\/(dom-serializer|domutils|domhandler)\//.test(i))).toEqual([]);

  const script = `require(${JSON.stringify(out)}).main(${JSON.stringify(dir)}).then((s) => process.stdout.write(s))`;
  const { stdout } = await run(process.execPath, ['-e', script]);
  const bundled = JSON.parse(stdout) as unknown;
  const source = { book: (await readWorkbook(workbook)).report, page: importHtml(page).report };
  expect(source.page.agency).toBe('益阳市人力资源和社会保障局');
  expect(Object.keys(source.book.values).length).toBeGreaterThan(50);
  expect(bundled).toEqual(JSON.parse(JSON.stringify(source)));
});

test('no deployed function holds dom-serializer or domutils', async () => {
  const held: string[] = [];
  for (const [name, entry] of Object.entries(handlerEntries())) {
    const { metafile } = await bundleHandler(name, entry, dir);
    for (const input of Object.keys(metafile.inputs))
      if (/node_modules\/(dom-serializer|domutils)\//.test(input)) held.push(`${name}: ${input}`);
  }
  expect(held).toEqual([]);
});
