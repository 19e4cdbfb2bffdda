/** nianbao template [--year Y] [--agency NAME] -o FILE.xlsx */
import { writeWorkbook } from '../../report/workbook/template';
import { intOption, stringOption } from '../args';
import { EXIT, UsageError, writeOutput } from '../io';
import { runCommand } from '../run';
import { shellLine } from '../shell';

const HELP = `用法 / usage: nianbao template [--year Y] [--agency 名称] -o FILE.xlsx

  生成官方格式的年报 Excel 模板（默认年度为上一年）。
  Writes the report workbook in the official format (the year defaults to last year).`;

export async function run(argv: string[]): Promise<number> {
  return runCommand(
    argv,
    HELP,
    {
      year: { type: 'string' },
      agency: { type: 'string' },
      output: { type: 'string', short: 'o' },
    },
    async ({ values, lang }) => {
      const out = stringOption(values.output);
      if (!out || !out.toLowerCase().endsWith('.xlsx')) {
        throw new UsageError({
          zh: `请用 -o 指定要写出的 .xlsx 文件${out ? `（收到 ${out}）` : ''}，例如 -o 年报.xlsx`,
          en: `Name the .xlsx file to write with -o${out ? ` (got ${out})` : ''}, e.g. -o report.xlsx`,
        });
      }
      const year = intOption(values.year, '--year') ?? new Date().getFullYear() - 1;
      const agency = stringOption(values.agency);
      await writeOutput(out, await writeWorkbook({ year, ...(agency ? { agency } : {}) }));
      const check = shellLine(['npx', 'nianbao', 'validate', out]);
      process.stderr.write(
        lang === 'zh'
          ? `已生成 ${year} 年度模板：${out}\n填写后校验：${check}\n`
          : `Wrote the ${year} template: ${out}\nOnce filled in, check it: ${check}\n`,
      );
      return EXIT.ok;
    },
  );
}
