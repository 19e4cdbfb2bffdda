/** What nianbao submit says about the API's answers in the CLI's own terms (its options, commands to run next). */
import type { Bilingual } from '../report/model/types';
import type { Lang } from './io';
import { shellLine } from './shell';

/** When the token was given on the command line, the retry command leaves it out: say so. */
export function retryNote(argv: readonly string[], lang: Lang): string {
  if (!argv.some((a) => a === '--token' || a.startsWith('--token='))) return '';
  return lang === 'zh'
    ? '\n  （把 … 换成原来的令牌，或设置 NIANBAO_TOKEN）'
    : '\n  (put the token back for …, or set NIANBAO_TOKEN)';
}

/**
 * The API's answers that name its own means (the X-Report-Year header, X-Confirm-Warnings) told with the CLI's: the
 * option to add, and for warnings the whole command to run once they are checked.
 */
export function inCliTerms(
  body: { code?: string; message?: Bilingual | string; unconfirmed?: string[] } | undefined,
  argv: readonly string[],
  lang: Lang,
): { message?: Bilingual; hint?: Bilingual } {
  if (body?.code === 'E-YEAR-MISSING')
    return {
      message: {
        zh: '无法确定报告年度：文件中没有注明。请用 --year 指定，例如 --year 2025',
        en: 'The reporting year is unknown: the file does not state it. Give it with --year, e.g. --year 2025',
      },
    };
  if (body?.code === 'E-YEAR-MISMATCH' && typeof body.message === 'object')
    return {
      message: {
        zh: `${body.message.zh}。请改正 --year，或去掉它而用文件中的年度`,
        en: `${body.message.en}. Correct --year, or leave it out to use the file's year`,
      },
    };
  if (body?.code === 'E-CONFIRM-WARNINGS' && body.unconfirmed?.length) {
    const kept: string[] = [];
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]!;
      if (a === '--confirm-warnings') i++;
      else if (a === '--token') {
        kept.push(a, '…'); // as in the retry command: a token is not printed back
        i++;
      } else if (a.startsWith('--token=')) kept.push('--token', '…');
      else if (!a.startsWith('--confirm-warnings=')) kept.push(a);
    }
    const again =
      shellLine(['npx', 'nianbao', 'submit', ...kept, '--confirm-warnings', body.unconfirmed.join(',')]) +
      retryNote(argv, lang);
    return {
      hint: {
        zh: `核实这些警告后，确认并重新报送：\n  ${again}`,
        en: `Once you have checked these warnings, confirm them and submit again:\n  ${again}`,
      },
    };
  }
  return {};
}
