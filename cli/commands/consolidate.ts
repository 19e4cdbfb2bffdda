/**
 * nianbao consolidate --year Y [--office ID] [--scope departments|all] -o FILE.(xlsx|json) — the office's
 * consolidated 本级政府 report (汇总): tables 二, 三, 四 summed over the accepted reports of the agencies it covers,
 * as the official workbook or the API's JSON; who is in it and who is missing printed, with the sums' findings.
 */
import { writeFile } from 'node:fs/promises';
import type { ReviewState } from '../../contract/review';
import { REVIEW_STATE_LABELS } from '../../contract/review';
import { AGENCY_ID } from '../../contract/limits';
import type { Finding } from '../../report/model/types';
import { API_HELP, API_OPTIONS, type Answer, apiTarget, call, refusal } from '../api';
import { intOption, stringOption } from '../args';
import { findingsText } from '../findings';
import { EXIT, type Lang, UsageError } from '../io';
import { runCommand } from '../run';

const HELP = `用法 / usage: nianbao consolidate --year Y [--office ID] [--scope departments|all] -o FILE.(xlsx|json) [options]

  生成本级政府汇总年报：表二、表三、表四为所含机关已通过年报之和，正文附数字语句草稿；列出已汇总与缺报的机关。
  The consolidated 本级政府 report: tables 二, 三, 四 summed over the accepted reports of the agencies covered, a
  draft of the figures' sentences; the agencies included and those missing are listed.

  --year Y       年报年度 / the report's year
  --office ID    审核机关（管理员必填；审核人默认为本机关）/ the office (administrators; a reviewer: its own)
  --scope S      汇总范围：departments 本级部门 · all 全部所审核机关；默认按名录设置
                 which agencies: departments (its own) or all it reviews; default: the registry's setting
  -o FILE        输出 .xlsx（官方模板）或 .json（含校验结果）/ write the workbook or the JSON (with findings)
${API_HELP}
退出码 / exit: 0 已生成 written · 1 汇总结果有错误 the sums have errors · 2 无法执行 could not run`;

interface Consolidation {
  office: string;
  officeName: string;
  year: number;
  scope: string;
  included: { agency: string; name: string; version: number }[];
  missing: { agency: string; name: string; state: ReviewState }[];
  findings: Finding[];
}

function failed(answer: Answer, lang: Lang): number {
  const code = answer.json?.code ? ` ${answer.json.code}` : '';
  process.stderr.write(`${lang === 'zh' ? '未成功' : 'Failed'} (${answer.status}${code}): ${refusal(answer)[lang]}\n`);
  return EXIT.unusable;
}

function summary(c: Consolidation, out: string, lang: Lang): string {
  if (lang === 'zh') {
    const included = c.included.map((i) => `${i.name}（第 ${i.version} 版）`).join('、') || '无';
    const missing = c.missing.map((m) => `${m.name}（${REVIEW_STATE_LABELS[m.state].zh}）`).join('、');
    return [
      `${c.officeName} ${c.year} 年度汇总已写入 ${out}`,
      `  已汇总 ${c.included.length} 个：${included}`,
      ...(c.missing.length ? [`  未汇总 ${c.missing.length} 个（无已通过的年报）：${missing}`] : []),
    ].join('\n');
  }
  const included = c.included.map((i) => `${i.agency} (v${i.version})`).join(', ') || 'none';
  const missing = c.missing.map((m) => `${m.agency} (${REVIEW_STATE_LABELS[m.state].en})`).join(', ');
  return [
    `The consolidated ${c.year} report of ${c.officeName} (${c.office}) written to ${out}`,
    `  included ${c.included.length}: ${included}`,
    ...(c.missing.length ? [`  not included ${c.missing.length} (no accepted report): ${missing}`] : []),
  ].join('\n');
}

export async function run(argv: string[]): Promise<number> {
  return runCommand(
    argv,
    HELP,
    {
      ...API_OPTIONS,
      year: { type: 'string' },
      office: { type: 'string' },
      scope: { type: 'string' },
      output: { type: 'string', short: 'o' },
    },
    async ({ values, positionals, lang }) => {
      if (positionals.length)
        throw new UsageError({
          zh: `多余的参数：${positionals.join(' ')}`,
          en: `Unexpected: ${positionals.join(' ')}`,
        });
      const year = intOption(values.year, '--year');
      if (year === undefined) throw new UsageError({ zh: '请用 --year 指定年度', en: 'Give the year with --year' });
      const out = stringOption(values.output);
      const kind = out?.toLowerCase().match(/\.(xlsx|json)$/)?.[1];
      if (!out || !kind)
        throw new UsageError({
          zh: '请用 -o 指定输出的 .xlsx 或 .json 文件',
          en: 'Name the output .xlsx or .json file with -o',
        });
      const office = stringOption(values.office);
      if (office !== undefined && !AGENCY_ID.test(office))
        throw new UsageError({
          zh: `--office 不是有效的机关标识：${office}`,
          en: `--office is not an agency id: ${office}`,
        });
      const scope = stringOption(values.scope);
      if (scope !== undefined && scope !== 'departments' && scope !== 'all')
        throw new UsageError({ zh: '--scope 应为 departments 或 all', en: '--scope is departments or all' });
      const q = [office ? `office=${office}` : '', scope ? `scope=${scope}` : ''].filter(Boolean).join('&');
      const target = apiTarget(values);
      const path = `/review/${year}/consolidated${q ? `?${q}` : ''}`;
      const answer = await call(target, 'GET', path);
      if (answer.status !== 200) return failed(answer, lang);
      let bytes: Buffer = Buffer.from(JSON.stringify(answer.json, null, 2) + '\n');
      if (kind === 'xlsx') {
        const file = await call(target, 'GET', `${path}${q ? '&' : '?'}format=xlsx`);
        if (file.status !== 200) return failed(file, lang);
        bytes = file.body;
      }
      try {
        await writeFile(out, bytes);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
        throw new UsageError({ zh: `无法写入 ${out}：${code}`, en: `Cannot write ${out}: ${code}` });
      }
      const c = answer.json as Consolidation;
      if (values.json) process.stdout.write(JSON.stringify(answer.json, null, 2) + '\n');
      else {
        process.stdout.write(summary(c, out, lang) + '\n');
        if (c.findings.length) process.stdout.write(findingsText(c.findings, lang) + '\n');
      }
      return c.findings.some((f) => f.severity === 'error') ? EXIT.findings : EXIT.ok;
    },
  );
}
