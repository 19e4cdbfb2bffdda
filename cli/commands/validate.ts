/** nianbao validate FILE [--previous FILE] [--json] [--year Y] [--agency NAME] [--lang en] */
import { validate } from '../../report/rules';
import { withAddresses } from '../../report/workbook/layout';
import { intOption, stringOption } from '../args';
import { findingsJson, findingsText } from '../findings';
import { EXIT, UsageError } from '../io';
import { loadReportFile } from '../load';
import { runCommand } from '../run';

const HELP = `用法 / usage: nianbao validate FILE.(xlsx|json|txt|html) [--previous FILE] [--json] [--year Y] [--agency 名称] [--lang en]

  --previous FILE  上一年度的报告，启用跨年度校验 / last year's report, for the YEAR-* rules
  --json           以 JSON 输出 / print JSON
  --year Y         文件未注明年度时指定 / the reporting year, where the file does not say
退出码 / exit: 0 无错误 no errors · 1 有错误 errors · 2 无法读取 unreadable input`;

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
        throw new UsageError({ zh: '请指定一个要校验的文件', en: 'Name one file to validate' });
      const year = intOption(values.year, '--year');
      const agency = stringOption(values.agency);
      const input = await loadReportFile(file, { ...(year ? { year } : {}), ...(agency ? { agency } : {}) });
      const previousPath = stringOption(values.previous);
      const previous = previousPath ? (await loadReportFile(previousPath)).report : undefined;
      let findings = validate(input.report, { previous, inputFindings: input.findings });
      if (input.layout) findings = withAddresses(findings, input.layout);
      process.stdout.write(
        values.json
          ? JSON.stringify(findingsJson(findings, lang), null, 2) + '\n'
          : findingsText(findings, lang) + '\n',
      );
      return findings.some((f) => f.severity === 'error') ? EXIT.findings : EXIT.ok;
    },
  );
}
