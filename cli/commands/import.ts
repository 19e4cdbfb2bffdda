/** nianbao import FILE.(txt|html|docx) [-o FILE.json] [--repair ID]… [--year Y] [--agency NAME] */
import { applyRepairs, repairIds } from '../../report/import/applyRepairs';
import { inputKind } from '../../report/input';
import { intOption, stringOption } from '../args';
import { findingsText } from '../findings';
import { EXIT, UsageError, writeOutput } from '../io';
import { loadReportFile } from '../load';
import { runCommand } from '../run';

const HELP = `用法 / usage: nianbao import FILE.(txt|html|docx) [-o FILE.json] [--repair ID]… [--year Y] [--agency 名称]

  把已公开的年报（网页文本、HTML 或 Word 文档）转换为 JSON 数据；导入时发现的问题输出到标准错误。
  数字连写无法确定、或混用了2019年格式的行，会给出编号为 R1、R2… 的候选修正：用 --repair 编号 应用（可多次）。
  Converts a published report (page text, HTML or a Word document) to the JSON form; what the import found goes to
  stderr. Where figures ran together ambiguously or a row of the 2019 format is mixed in, candidate repairs are
  numbered R1, R2…: apply one with --repair ID (repeatable).
退出码 / exit: 0 已转换 converted · 2 无法读取（含找不到年报的表格、未知的修正编号）unreadable input, unknown repair`;

export async function run(argv: string[]): Promise<number> {
  return runCommand(
    argv,
    HELP,
    {
      output: { type: 'string', short: 'o' },
      repair: { type: 'string', multiple: true },
      year: { type: 'string' },
      agency: { type: 'string' },
    },
    async ({ values, positionals, lang }) => {
      const [file] = positionals;
      const kind = file ? inputKind(file) : undefined;
      // A PDF is named so that the reader can say what to do with it instead.
      const pdf = file !== undefined && /\.pdf$/i.test(file);
      if (!file || positionals.length > 1 || (kind !== 'text' && kind !== 'html' && kind !== 'docx' && !pdf)) {
        throw new UsageError({ zh: '请指定一个 .txt、.html 或 .docx 文件', en: 'Name one .txt, .html or .docx file' });
      }
      const year = intOption(values.year, '--year');
      const agency = stringOption(values.agency);
      const loaded = await loadReportFile(file, { ...(year ? { year } : {}), ...(agency ? { agency } : {}) });
      const wanted = (values.repair as unknown as string[] | undefined) ?? [];
      const { report, findings, unknown } = applyRepairs(loaded.report, loaded.findings, wanted);
      if (unknown.length > 0) {
        const offered = repairIds(loaded.findings).join(', ') || (lang === 'zh' ? '无' : 'none');
        throw new UsageError({
          zh: `没有编号为 ${unknown.join('、')} 的修正（可用：${offered}）`,
          en: `No repair numbered ${unknown.join(', ')} (offered: ${offered})`,
        });
      }
      const json = JSON.stringify(report, null, 2) + '\n';
      const out = stringOption(values.output);
      if (out) await writeOutput(out, json);
      else process.stdout.write(json);
      if (wanted.length > 0) {
        const list = wanted.map((id) => id.toUpperCase()).join(lang === 'zh' ? '、' : ', ');
        process.stderr.write(lang === 'zh' ? `已应用修正 ${list}\n` : `Applied repair(s) ${list}\n`);
      }
      if (findings.length) process.stderr.write(findingsText(findings, lang) + '\n');
      return EXIT.ok;
    },
  );
}
