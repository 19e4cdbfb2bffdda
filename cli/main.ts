/** `nianbao <command>`: each command lives in its own module, loaded only when it runs. */
import type { CommandModule } from './io';
import { closest } from './args';

const COMMANDS: Record<string, { summary: string; load: () => Promise<CommandModule> }> = {
  template: {
    summary: '生成年报 Excel 模板 / write the report workbook template',
    load: () => import('./commands/template'),
  },
  import: {
    summary: '导入已公开的年报（文本或 HTML）/ import a published report (text or HTML)',
    load: () => import('./commands/import'),
  },
  validate: { summary: '校验年报 / validate a report', load: () => import('./commands/validate') },
  rules: { summary: '列出全部校验规则 / list the validation rules', load: () => import('./commands/rules') },
  render: { summary: '生成公开页面 HTML / render the published page', load: () => import('./commands/render') },
  'dev-token': {
    summary: '签发本地开发令牌 / print a local development token',
    load: () => import('./commands/devToken'),
  },
  submit: {
    summary: '报送年报到中心库 / submit a report to the central repository',
    load: () => import('./commands/submit'),
  },
  agencies: {
    summary: '导入或列出机关名录 / import or list the agency registry',
    load: () => import('./commands/agencies'),
  },
  review: {
    summary: '审核台：列表、退回、通过、提醒 / the review desk: list, return, accept, remind',
    load: () => import('./commands/review'),
  },
  consolidate: {
    summary: '生成本级政府汇总年报 / the consolidated 本级政府 report',
    load: () => import('./commands/consolidate'),
  },
  serve: { summary: '启动本地完整服务 / run the local stack (npm start)', load: () => import('./commands/serve') },
  'rebuild-published': {
    summary: '按本地数据库重建公开页面与开放数据 / rebuild the local published pages and open data',
    load: () => import('./commands/rebuildPublished'),
  },
  demo: { summary: '用示例年报演示 / a demonstration on the example report', load: () => import('./commands/demo') },
};

export function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return [
    '用法 / usage: nianbao <command> [options]',
    '',
    ...lines,
    '',
    'npx nianbao <command> --help 查看各命令的选项 / for its options',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage() + '\n');
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    const close = closest(name, Object.keys(COMMANDS));
    process.stderr.write(
      `nianbao: 没有 ${name} 这个命令${close ? `；是不是 ${close}？` : '。'}\n` +
        `         There is no command ${name}${close ? `; did you mean ${close}?` : '.'}\n\n${usage()}\n`,
    );
    return 2;
  }
  const mod = await command.load();
  return mod.run(rest);
}
