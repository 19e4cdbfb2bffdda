/** Runs a command body with parsed arguments; a UsageError becomes a bilingual message on stderr and exit 2. */
import { type Parsed, parse } from './args';
import { EXIT, UsageError } from './io';

type Options = Parameters<typeof parse>[1];

export async function runCommand(
  argv: string[],
  help: string,
  options: Options,
  body: (p: Parsed) => Promise<number>,
): Promise<number> {
  let parsed: Parsed;
  try {
    parsed = parse(argv, options, /nianbao ([\w-]+)/.exec(help)?.[1]);
  } catch (e) {
    return fail(e);
  }
  if (parsed.help) {
    process.stdout.write(help + '\n');
    return EXIT.ok;
  }
  try {
    return await body(parsed);
  } catch (e) {
    return fail(e, parsed.lang);
  }
}

function fail(e: unknown, lang: 'zh' | 'en' = 'zh'): number {
  if (e instanceof UsageError) {
    const { zh, en } = e.bilingual;
    const text = lang === 'zh' ? `${zh}\n${en}` : en;
    process.stderr.write(`nianbao: ${text.split('\n').join('\n         ')}\n`);
    return EXIT.unusable;
  }
  throw e;
}
