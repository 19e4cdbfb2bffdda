/** nianbao validate FILE [--previous FILE] [--json] [--year Y] [--agency NAME] [--lang en] */
import { validate } from '../../report/rules';
import { withAddresses } from '../../report/workbook/layout';
import { intOption, stringOption } from '../args';
import { findingsJson, findingsText, readingText } from '../findings';
import { EXIT } from '../io';
import { loadReportFile } from '../load';
import { runCommand } from '../run';
import { oneFile } from '../wrongFile';

const HELP = `用法 / usage: nianbao validate FILE.(xlsx|json|txt|html|docx) [--previous FILE] [--json] [--year Y] [--agency 名称] [--lang en]

  先列出读到了多少（表格、单元格、部分），再列出问题。文本文件的编码（UTF-8、GB18030/GBK、UTF-16）自动识别。
  Says first how much it could read (tables, cells, sections), then the findings. A text file's encoding
  (UTF-8, GB18030/GBK, UTF-16) is detected.

  --previous FILE  上一年度的报告，启用跨年度校验 / last year's report, for the YEAR-* rules
  --json           以 JSON 输出（reading 与 findings）/ print JSON (reading and findings)
  --year Y         文件未注明年度时指定 / the reporting year, where the file does not say
退出码 / exit: 0 无错误 no errors · 1 有错误 errors · 2 无法读取（含找不到年报的表格）unreadable input (also: no tables found)`;

export async function run(argv: string[]): Promise<number> {
  return runCommand(
    argv,
    HELP,
    {
      previous: { type: 'string' },
      json: { type: 'boolean' },
      year: { type: 'string' },
      agency: { type: 'string' },
    },
    async ({ values, positionals, lang }) => {
      const [file] = positionals;
      if (!file || positionals.length > 1)
        throw oneFile(positionals, { zh: '要校验的', en: 'to validate' }, 'validate');
      const year = intOption(values.year, '--year');
      const agency = stringOption(values.agency);
      const input = await loadReportFile(file, { ...(year ? { year } : {}), ...(agency ? { agency } : {}) });
      const previousPath = stringOption(values.previous);
      const last = previousPath ? await loadReportFile(previousPath) : undefined;
      let findings = validate(input.report, { previous: last?.report, inputFindings: input.findings });
      if (input.layout) findings = withAddresses(findings, input.layout);
      if (values.json) {
        const out = {
          reading: input.reading,
          ...(last ? { previous: { reading: last.reading } } : {}),
          ...(findingsJson(findings, lang) as object),
        };
        process.stdout.write(JSON.stringify(out, null, 2) + '\n');
      } else {
        const lines = [readingText(input.reading, lang)];
        if (last) lines.push(readingText(last.reading, lang, { zh: '上一年度报告', en: "Last year's report —" }));
        process.stdout.write(`${lines.join('\n')}\n\n${findingsText(findings, lang)}\n`);
      }
      return findings.some((f) => f.severity === 'error') ? EXIT.findings : EXIT.ok;
    },
  );
}
