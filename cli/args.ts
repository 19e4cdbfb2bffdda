/** Command-line parsing shared by the commands: strict options, bilingual errors, --lang and --help. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { MAX_YEAR, MIN_YEAR } from '../contract/limits';
import { type Lang, UsageError } from './io';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface Parsed {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
  lang: Lang;
  help: boolean;
}

/** `command`: the command's name, for the hints (npx nianbao <command> --help). */
export function parse(argv: string[], options: Options, command = '<command>'): Parsed {
  const all: Options = { ...options, lang: { type: 'string' }, help: { type: 'boolean', short: 'h' } };
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: all, allowPositionals: true, strict: true });
  } catch (e) {
    throw optionError(e as NodeJS.ErrnoException, all, command);
  }
  const { values, positionals } = parsed;
  if (values.lang !== undefined && values.lang !== 'en' && values.lang !== 'zh') {
    throw new UsageError({
      zh: `--lang 只能是 zh 或 en（收到 ${String(values.lang)}）`,
      en: `--lang must be zh or en (got ${String(values.lang)})`,
    });
  }
  const lang = values.lang === 'en' ? 'en' : 'zh';
  return { values: values as Parsed['values'], positionals, lang, help: Boolean(values.help) };
}

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0]!;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const here = d[j]!;
      d[j] = Math.min(d[j]! + 1, d[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = here;
    }
  }
  return d[b.length]!;
}

/** The candidate a mistyped name most likely meant (one or two letters off), if any. */
export function closest(name: string, candidates: readonly string[]): string | undefined {
  return candidates
    .map((k) => [k, distance(name, k)] as const)
    .filter(([k, n]) => n <= (k.length <= 3 ? 1 : 2))
    .sort((a, b) => a[1] - b[1])[0]?.[0];
}

/** Node's parseArgs errors (English, about its own syntax) as messages naming the option and what to type. */
function optionError(e: NodeJS.ErrnoException, options: Options, command: string): UsageError {
  const help = `npx nianbao ${command} --help`;
  const named = /'(-{1,2}[^'\s<=]+)/.exec(e.message)?.[1] ?? '';
  const name = named.replace(/^-+/, '');
  const option = options[name] ?? Object.values(options).find((o) => o.short === name);
  const flag = option ? `--${Object.keys(options).find((k) => options[k] === option)}` : named;
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const close = closest(name, Object.keys(options));
    return new UsageError({
      zh: `没有 ${named} 这个选项${close ? `；是不是 --${close}？` : '。'}（${help} 列出全部选项）`,
      en: `There is no option ${named}${close ? `; did you mean --${close}?` : '.'} (${help} lists them all)`,
    });
  }
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option?.type === 'boolean') {
    return new UsageError({
      zh: `${flag} 不带值：只写 ${flag} 即可（${help}）`,
      en: `${flag} takes no value: write just ${flag} (${help})`,
    });
  }
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return new UsageError({
      zh: `${flag} 后面缺少值（${help}）`,
      en: `${flag} needs a value after it (${help})`,
    });
  }
  return new UsageError({ zh: `命令行参数有误（${help}）：${e.message}`, en: `Bad arguments (${help}): ${e.message}` });
}

/** A reporting year such as --year: four digits, within the years the API knows. */
export function intOption(value: string | boolean | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'string' && /^\d{4}$/.test(value) ? Number(value) : NaN;
  if (!(n >= MIN_YEAR && n <= MAX_YEAR)) {
    throw new UsageError({
      zh: `${name} 应为 ${MIN_YEAR} 到 ${MAX_YEAR} 之间的四位年份，即报告所统计的年度（收到 ${String(value)}），例如 ${name} 2025`,
      en: `${name} must be a four-digit year from ${MIN_YEAR} to ${MAX_YEAR}, the year the report covers (got ${String(value)}), e.g. ${name} 2025`,
    });
  }
  return n;
}

export function stringOption(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
