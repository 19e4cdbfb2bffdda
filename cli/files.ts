/**
 * Reading a file the CLI was pointed at, refusing before it reads: only regular files (a directory, FIFO, device or
 * socket — or a symlink to one — is refused, and a FIFO is opened without blocking), within a size cap checked from
 * the file's size and enforced again while reading (a file that grows is cut off, not read on). Each refusal is a
 * UsageError (exit 2) in Chinese and English.
 */
import { constants, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import type { InputKind } from '../report/input';
import { MAX_WORKBOOK_BYTES } from '../report/workbook/errors';
import { UsageError } from './io';

const MB = 1024 * 1024;

/**
 * The largest file of each kind the CLI reads: a filled workbook is < 300 KB, a report as JSON or text < 1 MB, a Word
 * document with a few images a few MB.
 */
export const MAX_FILE_BYTES: Readonly<Record<InputKind, number>> = {
  xlsx: MAX_WORKBOOK_BYTES,
  json: 5 * MB,
  text: 5 * MB,
  html: 5 * MB,
  docx: MAX_WORKBOOK_BYTES, // a zip too; the importer bounds what it inflates
};

function whatItIs(s: Stats): { zh: string; en: string } {
  if (s.isDirectory()) return { zh: '目录', en: 'a directory' };
  if (s.isFIFO()) return { zh: '命名管道（FIFO）', en: 'a FIFO (named pipe)' };
  if (s.isCharacterDevice() || s.isBlockDevice()) return { zh: '设备', en: 'a device' };
  if (s.isSocket()) return { zh: '套接字', en: 'a socket' };
  return { zh: '特殊文件', en: 'a special file' };
}

function notRegular(path: string, s: Stats): UsageError {
  const it = whatItIs(s);
  return new UsageError({
    zh: `${path} 是${it.zh}，不是普通文件：请指定年报文件。`,
    en: `${path} is ${it.en}, not a regular file: name a report file.`,
  });
}

function tooLarge(path: string, max: number): UsageError {
  return new UsageError({
    zh: `${path} 超过 ${max / MB} MB，不是年报文件。`,
    en: `${path} is over ${max / MB} MB: not a report file.`,
  });
}

function cannotRead(path: string, e: unknown): UsageError {
  const code = (e as NodeJS.ErrnoException).code;
  return new UsageError({
    zh: code === 'ENOENT' ? `找不到文件：${path}` : `无法读取文件 ${path}：${code ?? (e as Error).message}`,
    en: code === 'ENOENT' ? `No such file: ${path}` : `Cannot read ${path}: ${code ?? (e as Error).message}`,
  });
}

/**
 * The bytes of a regular file of at most `max` bytes (symlinks followed); UsageError for anything else. With `head`,
 * a longer file is not refused: its first `max` bytes are returned.
 */
export async function readRegularFile(path: string, max: number, opts: { head?: boolean } = {}): Promise<Buffer> {
  let handle;
  try {
    // O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer; O_NOCTTY: a terminal is not taken.
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (e) {
    throw cannotRead(path, e);
  }
  try {
    // The file as opened (not as named: the name may have been swapped since).
    const s = await handle.stat();
    if (!s.isFile()) throw notRegular(path, s);
    if (s.size > max && !opts.head) throw tooLarge(path, max);
    // Read until the end, never past max + 1 bytes: a file that grows (or says size 0, as /proc does) is cut off.
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(max + 1 - length, Math.max(s.size + 1 - length, 64 * 1024)));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, length);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      length += bytesRead;
      if (length > max) {
        if (opts.head) return Buffer.concat(chunks, length).subarray(0, max);
        throw tooLarge(path, max);
      }
    }
    return Buffer.concat(chunks, length);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw cannotRead(path, e);
  } finally {
    await handle.close();
  }
}

/**
 * The file of a report input: a regular file within its kind's cap. Text that is no text at all (binary named .txt)
 * is refused by the reader's encoding detection (report/input/encoding.ts), naming the encodings tried.
 */
export async function readInputFile(path: string, kind: InputKind): Promise<Buffer> {
  return readRegularFile(path, MAX_FILE_BYTES[kind]);
}
