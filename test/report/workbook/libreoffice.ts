/**
 * LibreOffice (headless) for the workbook tests: converts workbooks (xlsx → xlsx with recalculation, xlsx → pdf)
 * in a private profile that sets OOXMLRecalcMode to 0 (always recalculate on load), and renders PDFs with pdftoppm.
 * Each session works in its own temp dir, removed afterwards. Set NIANBAO_RENDER_DIR to keep the rendered PNGs.
 */
import { execFile, spawnSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const LIBREOFFICE_TIMEOUT_MS = 60_000;

/** Fails loudly (CI installs libreoffice-calc-nogui and poppler-utils): these tests must not skip silently. */
export function requireTools(): void {
  for (const [tool, pkg] of [
    ['soffice', 'libreoffice-calc-nogui'],
    ['pdftoppm', 'poppler-utils'],
  ] as const) {
    const found = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' });
    if (found.status !== 0) {
      throw new Error(
        `${tool} is not installed: the LibreOffice workbook tests need it (Debian/Ubuntu: apt-get install ${pkg}).`,
      );
    }
  }
}

const RECALC_PROFILE = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: LIBREOFFICE_TIMEOUT_MS, killSignal: 'SIGKILL' }, (err, _stdout, stderr) => {
      if (err) reject(new Error(`${cmd} failed: ${err.message}\n${stderr}`));
      else resolve();
    });
  });
}

export interface LibreOffice {
  /** Converts xlsx files (name → bytes) to `xlsx` (recalculated) or `pdf`; returns the outputs by input name. */
  convert(files: Record<string, Uint8Array>, to: 'xlsx' | 'pdf'): Promise<Record<string, Uint8Array>>;
  /** Renders every page of a PDF to PNG (and PPM, for pixel counts); returns the pages in order. */
  render(name: string, pdf: Uint8Array, dpi?: number): Promise<{ png: string; ppm: Uint8Array }[]>;
}

export async function withLibreOffice<T>(fn: (lo: LibreOffice) => Promise<T>): Promise<T> {
  requireTools();
  const dir = await mkdtemp(join(tmpdir(), 'nianbao-lo-'));
  try {
    await mkdir(join(dir, 'profile', 'user'), { recursive: true });
    await writeFile(join(dir, 'profile', 'user', 'registrymodifications.xcu'), RECALC_PROFILE);
    const profile = `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`;
    let batch = 0;
    const lo: LibreOffice = {
      async convert(files, to) {
        const work = join(dir, `batch${batch++}`);
        await mkdir(join(work, 'out'), { recursive: true });
        const inputs = await Promise.all(
          Object.entries(files).map(async ([name, bytes]) => {
            const path = join(work, `${name}.xlsx`);
            await writeFile(path, bytes);
            return path;
          }),
        );
        const filter = to === 'xlsx' ? 'xlsx:Calc MS Excel 2007 XML' : 'pdf:calc_pdf_Export';
        await run('soffice', [
          profile,
          '--headless',
          '--norestore',
          '--convert-to',
          filter,
          '--outdir',
          join(work, 'out'),
          ...inputs,
        ]);
        const out: Record<string, Uint8Array> = {};
        for (const name of Object.keys(files))
          out[name] = new Uint8Array(await readFile(join(work, 'out', `${name}.${to}`)));
        return out;
      },
      async render(name, pdf, dpi = 60) {
        const work = join(dir, `render-${name}`);
        await mkdir(work, { recursive: true });
        await writeFile(join(work, `${name}.pdf`), pdf);
        await run('pdftoppm', ['-png', '-r', String(dpi), join(work, `${name}.pdf`), join(work, 'page')]);
        await run('pdftoppm', ['-r', String(dpi), join(work, `${name}.pdf`), join(work, 'raw')]);
        const files = (await readdir(work)).sort();
        const pngs = files.filter((f) => f.startsWith('page') && f.endsWith('.png'));
        const ppms = files.filter((f) => f.startsWith('raw') && f.endsWith('.ppm'));
        const keep = process.env.NIANBAO_RENDER_DIR;
        if (keep) {
          await mkdir(keep, { recursive: true });
          await Promise.all(pngs.map((p) => copyFile(join(work, p), join(keep, `${name}-${p}`))));
        }
        return Promise.all(
          pngs.map(async (p, i) => ({ png: join(work, p), ppm: new Uint8Array(await readFile(join(work, ppms[i]!))) })),
        );
      },
    };
    return await fn(lo);
  } finally {
    // A LibreOffice killed at its time-out may still be writing its profile: retry, so that the error which ended
    // the conversion is the one reported, not ENOTEMPTY from the clean-up.
    await rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 }).catch(() => undefined);
  }
}

/** Pixels of a binary PPM (P6) whose colour is within `tolerance` of `rgb`. */
export function countPixels(ppm: Uint8Array, rgb: readonly [number, number, number], tolerance = 10): number {
  const header = /^P6\s+(?:#[^\n]*\s+)*(\d+)\s+(\d+)\s+(\d+)\s/.exec(
    new TextDecoder('latin1').decode(ppm.subarray(0, 64)),
  );
  if (!header) throw new Error('not a binary PPM');
  const start = header[0].length;
  let n = 0;
  for (let i = start; i + 2 < ppm.length; i += 3) {
    if (
      Math.abs(ppm[i]! - rgb[0]) <= tolerance &&
      Math.abs(ppm[i + 1]! - rgb[1]) <= tolerance &&
      Math.abs(ppm[i + 2]! - rgb[2]) <= tolerance
    )
      n++;
  }
  return n;
}
