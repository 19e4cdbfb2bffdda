/**
 * What a function does while it loads is paid on every cold start. Each deployed function, bundled as infra bundles
 * it, is loaded in a fresh Node with the options it runs with on Lambda (--enable-source-maps), watched by a
 * preloaded script: loading it must not touch ICU (the first Intl formatter, collator or toLocaleString loads
 * locale data: 50–120 ms here) nor read an Error's stack (under --enable-source-maps the first stack read parses the
 * whole source map: 0.5 s for the consolidated report's exceljs). Seen and fixed: a time-zone formatter in the rate
 * limit, toLocaleString in a workbook message, exceljs (bluebird reads a stack as it loads) for the xlsx answer.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { bundleHandler, handlerEntries } from '../../infra/handler-bundle';

jest.setTimeout(300_000);
const run = promisify(execFile);

/** Reports each ICU entry point and stack read made while the bundle loads, then whether it exported a handler. */
const WATCH = `
const seen = [];
let stacks = 0;
let watching = true;
Error.prepareStackTrace = (e, frames) => {
  if (watching) stacks++;
  return String(e) + frames.map((f) => '\\n    at ' + f).join('');
};
const note = (what) => {
  watching = false;
  seen.push(what + ' ' + new Error().stack.split('\\n')[3].trim());
  watching = true;
};
for (const k of ['DateTimeFormat', 'NumberFormat', 'Collator', 'PluralRules', 'Segmenter', 'RelativeTimeFormat', 'ListFormat', 'DisplayNames']) {
  const C = Intl[k];
  if (C) Intl[k] = new Proxy(C, { construct: (t, a) => (watching && note('Intl.' + k), Reflect.construct(t, a)), apply: (t, self, a) => (watching && note('Intl.' + k), Reflect.apply(t, self, a)) });
}
for (const [o, m] of [[Number.prototype, 'toLocaleString'], [Date.prototype, 'toLocaleString'], [Date.prototype, 'toLocaleDateString'], [Date.prototype, 'toLocaleTimeString'], [String.prototype, 'localeCompare'], [Array.prototype, 'toLocaleString']]) {
  const f = o[m];
  o[m] = function (...a) { if (watching) note(m); return f.apply(this, a); };
}
const bundle = process.argv[2];
process.argv.splice(2, 1);
const mod = require(bundle);
watching = false;
process.stdout.write(JSON.stringify({ handler: typeof mod.handler, icu: seen, stackReads: stacks }));
`;

let dir: string;
const loaded: Record<string, { handler: string; icu: string[]; stackReads: number }> = {};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-handler-init-'));
  const watch = join(dir, 'watch.js');
  writeFileSync(watch, WATCH);
  const env = {
    ...process.env,
    NODE_OPTIONS: '--enable-source-maps',
    AWS_REGION: 'cn-north-1',
    TABLE_NAME: 'nianbao-test',
    POWERTOOLS_SERVICE_NAME: 'nianbao',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  // A control that does both, to show the watch sees them.
  const control = join(dir, 'control.ts');
  writeFileSync(
    control,
    "export const label = new Intl.DateTimeFormat('zh-CN').format(0) + new Error('x').stack;\nexport const handler = async () => label;\n",
  );
  // Four at a time: esbuild and the loads overlap, memory stays bounded.
  const queue = Object.entries({ control, ...handlerEntries() });
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [name, entry] = next;
      const { file } = await bundleHandler(name, entry, dir);
      const { stdout } = await run(process.execPath, [watch, file], { env });
      loaded[name] = JSON.parse(stdout) as (typeof loaded)[string];
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('the watch sees a formatter made and a stack read while loading', () => {
  expect(loaded.control!.handler).toBe('function');
  expect(loaded.control!.icu).toEqual([expect.stringMatching(/^Intl\.DateTimeFormat /)]);
  expect(loaded.control!.stackReads).toBe(1);
});

test('every deployed function loads without touching ICU or reading an error stack', () => {
  expect(Object.keys(loaded)).toEqual(
    expect.arrayContaining(['submitReport', 'consolidatedReport', 'publishedBuilder']),
  );
  for (const [name, l] of Object.entries(loaded).filter(([n]) => n !== 'control')) {
    expect({ name, handler: l.handler, icu: l.icu, stackReads: l.stackReads }).toEqual({
      name,
      handler: 'function',
      icu: [],
      stackReads: 0,
    });
  }
});
