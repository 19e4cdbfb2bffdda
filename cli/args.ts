/** Command-line parsing shared by the commands: strict options, bilingual errors, --lang and --help. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { type Lang, UsageError } from './io';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface Parsed {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
  lang: Lang;
  help: boolean;
}

export function parse(argv: string[], options: Options): Parsed {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { ...options, lang: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    const lang = values.lang === 'en' ? 'en' : 'zh';
    if (values.lang !== undefined && values.lang !== 'en' && values.lang !== 'zh') {
      throw new UsageError({ zh: '--lang 只能是 zh 或 en', en: '--lang must be zh or en' });
    }
    return { values: values as Parsed['values'], positionals, lang, help: Boolean(values.help) };
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError({
      zh: `命令行参数有误：${(e as Error).message}`,
      en: `Bad arguments: ${(e as Error).message}`,
    });
  }
}

/** A whole-number option such as --year. */
export function intOption(value: string | boolean | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'string' && /^\d{4}$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n)) {
    throw new UsageError({ zh: `${name} 应为四位年份，如 2025`, en: `${name} must be a four-digit year, e.g. 2025` });
  }
  return n;
}

export function stringOption(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
