/**
 * `nianbao validate` on each hostile file of issue 12 under an address-space cap of 1.5 GB (`prlimit --as`, about
 * a small machine's memory): exit 1 (findings) or 2 (refused) within 10 s, never an abort (134) or a kill (137).
 *
 * Measured here (Node 20): under that cap V8 cannot reserve the code range of a second isolate, and tsx (which runs
 * the CLI from its TypeScript sources) loads its ESM hooks in a worker thread, so the CLI aborts at start (133,
 * "Failed to reserve virtual memory for CodeRange") whatever the file; `node --jitless` needs no code range and
 * runs it. The cap is the point, not the JIT: the reader's budgets are the same either way.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { hostileFiles } from './hostileCases';

jest.setTimeout(240_000);

const ROOT = resolve(__dirname, '../..');
const CAP_BYTES = 1_500_000_000;
const dir = mkdtempSync(join(tmpdir(), 'nianbao-hostile-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('nianbao validate under prlimit --as=1.5 GB: each hostile file exits 1 or 2 within 10 s', async () => {
  const rows: string[] = [];
  for (const f of await hostileFiles(2021)) {
    const path = join(dir, f.file);
    writeFileSync(path, f.body);
    const started = performance.now();
    const r = spawnSync(
      'prlimit',
      [`--as=${CAP_BYTES}`, process.execPath, '--jitless', join(ROOT, 'bin', 'nianbao.cjs'), 'validate', path],
      { cwd: ROOT, encoding: 'utf8', timeout: 30_000, env: { ...process.env, NO_COLOR: '1' } },
    );
    const ms = performance.now() - started;
    const said = r.stderr.replace(/^Warning: disabling flag --expose_wasm.*\n/m, '').split('\n')[0];
    rows.push(`${f.name}: exit ${r.status ?? r.signal} in ${(ms / 1000).toFixed(1)} s ${said}`);
    expect([f.name, [1, 2].includes(r.status ?? -1)]).toEqual([f.name, true]);
    expect(ms).toBeLessThan(10_000);
    // What is refused says why, in Chinese first.
    if (r.status === 2) expect(r.stderr).toMatch(/nianbao: .*[\u4e00-\u9fff]/);
    else expect(r.stdout).toMatch(/[\u4e00-\u9fff]/); // the findings, read in full
  }
  console.log(`nianbao validate, --as=${CAP_BYTES}:\n  ${rows.join('\n  ')}`);
});
