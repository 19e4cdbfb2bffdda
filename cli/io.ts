/** What every CLI command shares: its module shape, messages in the chosen language, and exit codes. */
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
