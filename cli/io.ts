/** What every CLI command shares: its module shape, messages in the chosen language, exit codes, writing its output. */
import { writeFile } from 'node:fs/promises';
import type { Bilingual } from '../report/model/types';

export interface CommandModule {
  run(argv: string[]): Promise<number>;
}

export type Lang = 'zh' | 'en';

/** Exit codes: 0 fine, 1 the report has errors (or was refused), 2 the input or the command line cannot be used. */
export const EXIT = { ok: 0, findings: 1, unusable: 2 } as const;

export function say(lang: Lang, m: Bilingual): string {
  return m[lang];
}

/** A problem with the input or the command line: reported on stderr in both languages, exit 2. */
export class UsageError extends Error {
  constructor(readonly bilingual: Bilingual) {
    super(`${bilingual.zh} / ${bilingual.en}`);
  }
}

const WRITE_FAILURES: Record<string, Bilingual> = {
  ENOENT: { zh: '它所在的文件夹不存在', en: 'its folder does not exist' },
  ENOTDIR: { zh: '它所在的文件夹不存在', en: 'its folder does not exist' },
  EISDIR: { zh: '这是一个文件夹', en: 'it is a folder' },
  EACCES: { zh: '没有写入权限', en: 'there is no permission to write it' },
  EPERM: { zh: '没有写入权限', en: 'there is no permission to write it' },
  EROFS: { zh: '该位置只读', en: 'that place is read-only' },
  ENOSPC: { zh: '磁盘已满', en: 'the disk is full' },
};

/** Writes a command's output file (-o); a place that cannot be written is the person's to change: exit 2. */
export async function writeOutput(path: string, data: string | Uint8Array): Promise<void> {
  try {
    await writeFile(path, data);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    const why = WRITE_FAILURES[code] ?? { zh: code || String(e), en: code || String(e) };
    throw new UsageError({
      zh: `无法写入 ${path}：${why.zh}。请用 -o 指定一个可写的位置。`,
      en: `Cannot write ${path}: ${why.en}. Name a writable place with -o.`,
    });
  }
}
