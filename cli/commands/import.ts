/** nianbao import FILE.(txt|html) [-o FILE.json] [--year Y] [--agency NAME] */
import { writeFile } from 'node:fs/promises';
import { inputKind } from '../../report/input';
import { intOption, stringOption } from '../args';
import { findingsText } from '../findings';
import { EXIT, UsageError } from '../io';
import { loadReportFile } from '../load';
import { runCommand } from '../run';

const HELP = `用法 / usage: nianbao import FILE.(txt|html) [-o FILE.json] [--year Y] [--agency 名称]

  把已公开的年报（网页文本或 HTML）转换为 JSON 数据；导入时发现的问题输出到标准错误。
  Converts a published report (flattened text or HTML) to the JSON form; what the import found goes to stderr.`;

export async function run(argv: string[]): Promise<number> {
  return runCommand(
    argv,
    HELP,
    {
      output: { type: 'string', short: 'o' },
      year: { type: 'string' },
      agency: { type: 'string' },
    },
    async ({ values, positionals, lang }) => {
      const [file] = positionals;
      const kind = file ? inputKind(file) : undefined;
      if (!file || positionals.length > 1 || (kind !== 'text' && kind !== 'html')) {
        throw new UsageError({ zh: '请指定一个 .txt 或 .html 文件', en: 'Name one .txt or .html file' });
      }
      const year = intOption(values.year, '--year');
      const agency = stringOption(values.agency);
      const { report, findings } = await loadReportFile(file, {
        ...(year ? { year } : {}),
        ...(agency ? { agency } : {}),
      });
      const json = JSON.stringify(report, null, 2) + '\n';
      const out = stringOption(values.output);
      if (out) await writeFile(out, json);
      else process.stdout.write(json);
      if (findings.length) process.stderr.write(findingsText(findings, lang) + '\n');
      return EXIT.ok;
    },
  );
}
