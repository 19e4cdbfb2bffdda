/**
 * What an import will read at most. A published report is 10–60 KB of text (a large city's up to a few hundred);
 * these budgets are far above that and far below what could hold a server or the CLI up. Each breach is a refusal
 * with its own code (413/422 on the API, exit 2 in the CLI), never findings about a half-read file.
 */
import type { Bilingual } from '../model/types';

/** Characters of text or HTML (about 5 MB). */
export const MAX_IMPORT_CHARS = 5_000_000;
/**
 * Elements open inside each other in a page (formatting such as <font> and <span> not counted: old pages leave
 * thousands unclosed). Real pages nest a few dozen deep.
 */
export const MAX_HTML_DEPTH = 1_000;

export type RefusalCode = 'E-IMPORT-TOO-LARGE' | 'E-IMPORT-TOO-DEEP';

export class ImportRefused extends Error {
  constructor(
    readonly code: RefusalCode,
    readonly bilingual: Bilingual,
  ) {
    super(`${code}: ${bilingual.zh} / ${bilingual.en}`);
  }
}

export function tooLarge(chars: number): ImportRefused {
  return new ImportRefused('E-IMPORT-TOO-LARGE', {
    zh: `内容过大（${(chars / 1e6).toFixed(1)} 百万字符，上限 ${MAX_IMPORT_CHARS / 1e6} 百万）：这不像一份年报，未读取。`,
    en: `Too large (${(chars / 1e6).toFixed(1)} million characters; the limit is ${MAX_IMPORT_CHARS / 1e6} million): this is not a report; not read.`,
  });
}

export function tooDeep(): ImportRefused {
  return new ImportRefused('E-IMPORT-TOO-DEEP', {
    zh: `网页的元素嵌套超过 ${MAX_HTML_DEPTH} 层：这不像一份年报，未读取。`,
    en: `The page nests elements more than ${MAX_HTML_DEPTH} deep: this is not a report; not read.`,
  });
}

/** Refuses text longer than MAX_IMPORT_CHARS before anything reads it. */
export function checkSize(text: string): void {
  if (text.length > MAX_IMPORT_CHARS) throw tooLarge(text.length);
}
