/** nianbao rules [--json] [--lang en]: the rule registry — every code, its severity, title and what it checks. */
import { ruleSummaries } from '../../report/rules';
import { EXIT, UsageError } from '../io';
import { runCommand } from '../run';

const HELP = `用法 / usage: nianbao rules [--json] [--lang en]

  列出全部校验规则：代码、严重程度、名称和检查内容（与 docs/rules.md 相同）。
  Lists every validation rule: code, severity, title and what it checks (as docs/rules.md).
  --json  以 JSON 输出（含中英文）/ print JSON (both languages)`;

const SEVERITY = {
  error: { zh: '错误', en: 'error' },
  warning: { zh: '警告', en: 'warning' },
  info: { zh: '提示', en: 'info' },
} as const;

export async function run(argv: string[]): Promise<number> {
  return runCommand(argv, HELP, { json: { type: 'boolean' } }, async ({ values, positionals, lang }) => {
    if (positionals.length > 0)
      throw new UsageError({ zh: 'rules 不接受文件参数', en: 'rules takes no file argument' });
    const rules = ruleSummaries();
    if (values.json) {
      process.stdout.write(JSON.stringify({ rules }, null, 2) + '\n');
      return EXIT.ok;
    }
    const width = Math.max(...rules.map((r) => r.code.length));
    const lines = rules.map((r) =>
      [
        `${r.code.padEnd(width)}  [${SEVERITY[r.severity][lang]}] ${r.title[lang]}`,
        `${' '.repeat(width)}  ${r.description[lang]}`,
      ].join('\n'),
    );
    const footer =
      lang === 'zh'
        ? `共 ${rules.length} 条规则；示例信息见 docs/rules.md。`
        : `${rules.length} rules; example messages in docs/rules.md.`;
    process.stdout.write([...lines, '', footer].join('\n') + '\n');
    return EXIT.ok;
  });
}
