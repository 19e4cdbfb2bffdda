/**
 * Word documents for the import tests, made the way agencies make them: HTML written by the test (a re-laid
 * report as paragraphs and tables with merged cells, or the product's own page) converted by LibreOffice Writer
 * (`soffice --convert-to docx`) in a private profile. One soffice run converts a whole batch.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Fails loudly (CI installs libreoffice-writer-nogui): these tests must not skip silently. */
export function requireWriter(): void {
  const found = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' });
  const writer = spawnSync('sh', ['-c', 'ls /usr/lib/libreoffice/program/libswlo.so'], { encoding: 'utf8' });
  if (found.status !== 0 || writer.status !== 0)
    throw new Error('LibreOffice Writer is not installed (Debian/Ubuntu: apt-get install libreoffice-writer-nogui).');
}

/** Converts HTML documents (name → HTML) to .docx; returns the documents by name. */
export async function htmlToDocx(files: Record<string, string>): Promise<Record<string, Uint8Array>> {
  requireWriter();
  const dir = await mkdtemp(join(tmpdir(), 'nianbao-docx-'));
  try {
    await mkdir(join(dir, 'out'), { recursive: true });
    const inputs = await Promise.all(
      Object.entries(files).map(async ([name, html]) => {
        const path = join(dir, `${name}.html`);
        await writeFile(path, html);
        return path;
      }),
    );
    const profile = `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`;
    await new Promise<void>((resolve, reject) =>
      execFile(
        'soffice',
        [
          profile,
          '--headless',
          '--norestore',
          '--convert-to',
          'docx:MS Word 2007 XML',
          '--outdir',
          join(dir, 'out'),
          ...inputs,
        ],
        { timeout: 240_000, killSignal: 'SIGKILL' },
        (err, _out, stderr) => (err ? reject(new Error(`soffice failed: ${err.message}\n${stderr}`)) : resolve()),
      ),
    );
    const out: Record<string, Uint8Array> = {};
    for (const name of Object.keys(files)) out[name] = new Uint8Array(await readFile(join(dir, 'out', `${name}.docx`)));
    return out;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A re-laid report (one table row a line, ` | ` between cells) as a Word document would hold it: prose as
 * paragraphs, each run of rows as a table. A row that starts a group (one cell more than the rows after it) has
 * that cell merged down over them (vMerge); a row with fewer cells than the widest has its last cell merged across
 * (gridSpan), as the official tables' headings are.
 */
export function relaidAsHtml(text: string): string {
  const out: string[] = [];
  let rows: string[][] = [];
  const flush = () => {
    if (rows.length === 0) return;
    const width = Math.max(...rows.map((r) => r.length));
    const html: string[] = [];
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      let span = 1;
      while (i + span < rows.length && rows[i + span]!.length === row.length - 1 && row.length > 2) span++;
      const cells = row.map((c, k) => {
        const attrs =
          k === 0 && span > 1
            ? ` rowspan="${span}"`
            : k === row.length - 1 && row.length < width && !isCovered(rows, i)
              ? ` colspan="${width - row.length + 1}"`
              : '';
        return `<td${attrs}>${esc(c)}</td>`;
      });
      html.push(`<tr>${cells.join('')}</tr>`);
    }
    out.push(`<table border="1" cellspacing="0">${html.join('\n')}</table>`);
    rows = [];
  };
  for (const line of text.split('\n')) {
    if (line.includes(' | ')) rows.push(line.split(' | ').map((c) => c.trim()));
    else {
      flush();
      if (line.trim() !== '') out.push(`<p>${esc(line)}</p>`);
    }
  }
  flush();
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>report</title></head><body>\n${out.join('\n')}\n</body></html>`;
}

/** Whether row i sits under a cell merged down from a row above (its first column is taken). */
function isCovered(rows: string[][], i: number): boolean {
  for (let j = i - 1; j >= 0; j--) {
    if (rows[j]!.length === rows[i]!.length + 1) return true;
    if (rows[j]!.length !== rows[i]!.length) return false;
  }
  return false;
}
