/** nianbao template [--year Y] [--agency NAME] -o FILE.xlsx */
import { writeFile } from 'node:fs/promises';
import { writeWorkbook } from '../../report/workbook/template';
import { intOption, stringOption } from '../args';
import { EXIT, UsageError } from '../io';
import { runCommand } from '../run';

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
        throw new UsageError({ zh: '请用 -o 指定输出的 .xlsx 文件', en: 'Name the output .xlsx file with -o' });
      }
      const year = intOption(values.year, '--year') ?? new Date().getFullYear() - 1;
      const agency = stringOption(values.agency);
      await writeFile(out, await writeWorkbook({ year, ...(agency ? { agency } : {}) }));
      process.stderr.write(
        lang === 'zh' ? `已生成 ${year} 年度模板：${out}\n` : `Wrote the ${year} template: ${out}\n`,
      );
      return EXIT.ok;
    },
  );
}
