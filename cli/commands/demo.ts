/** nianbao demo: validates the example published report and shows what the checks find. */
import { join } from 'node:path';
import { validate } from '../../report/rules';
import { findingsText } from '../findings';
import { EXIT } from '../io';
import { loadReportFile } from '../load';
import { runCommand } from '../run';

const EXAMPLE = join(__dirname, '..', '..', 'test', 'fixtures', 'examples', 'yiyang-hrss-2021.txt');

const HELP = `用法 / usage: nianbao demo [--lang en]

  校验一份真实公开的年报（益阳市人力资源和社会保障局 2021 年度），展示发现的问题。
  Validates a real published report (益阳市人社局, 2021) and shows what the checks find.`;

export async function run(argv: string[]): Promise<number> {
  return runCommand(argv, HELP, {}, async ({ lang }) => {
    const input = await loadReportFile(EXAMPLE, { year: 2021, agency: '益阳市人力资源和社会保障局' });
    const findings = validate(input.report, { inputFindings: input.findings });
    const intro =
      lang === 'zh'
        ? `示例：益阳市人力资源和社会保障局2021年政府信息公开工作年度报告\n文件：${EXAMPLE}\n`
        : `Example: 益阳市人力资源和社会保障局 2021 annual report\nFile: ${EXAMPLE}\n`;
    process.stdout.write(`${intro}\n${findingsText(findings, lang)}\n`);
    return EXIT.ok;
  });
}
