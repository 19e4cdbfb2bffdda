/**
 * The CLI refuses before it reads: only regular files (a directory, FIFO, device, or a symlink to one is exit 2 at
 * once), a size cap per kind checked from the size and again while reading, and text that is no text is "not a
 * report" (exit 2), not findings.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { looksBinary, MAX_FILE_BYTES, readRegularFile } from '../../cli/files';
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

  it('tells binary content from text (GB18030, UTF-8, UTF-16 with its mark are text)', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(looksBinary(enc('一、总体情况\n\t（一）主动公开'))).toBe(false);
    expect(looksBinary(new Uint8Array(Buffer.from('d2bba1a2d7dccce5c7e9bff6', 'hex')))).toBe(false); // GB18030
    expect(looksBinary(new Uint8Array([0xff, 0xfe, 0x00, 0x4e, 0x00, 0x00]))).toBe(false);
    expect(looksBinary(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00]))).toBe(true); // PNG
    expect(looksBinary(new Uint8Array(Array.from({ length: 1000 }, (_, i) => (i % 50 === 0 ? 0x01 : 0x41))))).toBe(
      true,
    );
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
      ['garbage.txt', /is not a report: its content is not text/],
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
