/**
 * The CLI refuses before it reads: only regular files (a directory, FIFO, device, or a symlink to one is exit 2 at
 * once), a size cap per kind checked from the size and again while reading, and text that is no text is refused
 * (exit 2, naming the encodings tried), not findings.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_FILE_BYTES, readRegularFile } from '../../cli/files';
import { UsageError } from '../../cli/io';
import { nianbao } from './run';

jest.setTimeout(120_000);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-files-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const refusal = async (path: string, max = 1024) =>
  readRegularFile(path, max).then(
    () => 'read',
    (e: unknown) => (e instanceof UsageError ? e.bilingual.en : String(e)),
  );

describe('readRegularFile', () => {
  it('reads a regular file (also through a symlink) and refuses directories, FIFOs, devices and links to them', async () => {
    writeFileSync(join(dir, 'ok.txt'), 'hello');
    symlinkSync(join(dir, 'ok.txt'), join(dir, 'link-ok.txt'));
    expect((await readRegularFile(join(dir, 'link-ok.txt'), 1024)).toString()).toBe('hello');
    mkdirSync(join(dir, 'a-dir'));
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    symlinkSync('/dev/zero', join(dir, 'zero'));
    symlinkSync(join(dir, 'a-dir'), join(dir, 'link-dir'));
    const started = Date.now();
    expect(await refusal(join(dir, 'a-dir'))).toContain('is a directory, not a regular file');
    expect(await refusal(join(dir, 'fifo'))).toContain('is a FIFO (named pipe), not a regular file');
    expect(await refusal(join(dir, 'zero'))).toContain('is a device, not a regular file');
    expect(await refusal(join(dir, 'link-dir'))).toContain('is a directory');
    expect(await refusal(join(dir, 'missing'))).toContain('No such file');
    expect(Date.now() - started).toBeLessThan(2000); // the FIFO did not block
  });

  it('refuses a file over the cap, by its size and by what is read (a file whose size says 0)', async () => {
    writeFileSync(join(dir, 'big'), Buffer.alloc(1025, 0x61));
    expect(await refusal(join(dir, 'big'))).toContain('is over');
    expect((await readRegularFile(join(dir, 'big'), 10, { head: true })).toString()).toBe('a'.repeat(10));
    // /proc files say size 0 and have content: read, but never past the cap.
    expect((await readRegularFile('/proc/self/status', 1 << 20)).toString()).toContain('VmRSS');
    expect(await refusal('/proc/self/status', 10)).toContain('is over');
  });
});

describe('nianbao validate refuses before reading', () => {
  it('exit 2 with a message for a FIFO, a device, a directory, an oversized or a binary file', () => {
    execFileSync('mkfifo', [join(dir, 'pipe.txt')]);
    symlinkSync('/dev/zero', join(dir, 'zero.txt'));
    mkdirSync(join(dir, 'folder.json'));
    writeFileSync(join(dir, 'huge.txt'), Buffer.alloc(MAX_FILE_BYTES.text + 1, 0x61));
    writeFileSync(join(dir, 'garbage.txt'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    const cases: [string, RegExp][] = [
      ['pipe.txt', /FIFO/],
      ['zero.txt', /device/],
      ['folder.json', /directory/],
      ['huge.txt', /over 5 MB/],
      ['garbage.txt', /encoding could not be told \(tried UTF-8, GB18030 \(GBK\), UTF-16LE, UTF-16BE\)/],
    ];
    for (const [name, says] of cases) {
      const started = Date.now();
      const r = nianbao(['validate', join(dir, name), '--lang', 'en']);
      expect([name, r.code]).toEqual([name, 2]);
      expect(r.stderr).toMatch(says);
      expect(r.stdout).toBe('');
      expect(Date.now() - started).toBeLessThan(30_000);
    }
  });
});
