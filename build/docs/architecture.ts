/**
 * The rooms table of docs/architecture.md and docs/architecture.en.md: each top-level folder, what it holds, and the
 * folders it may import — the last column read from the lint's own border map (eslint.borders.mjs), so the page
 * cannot drift from what `npm run lint` enforces.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

type Lang = 'zh' | 'en';
type Text = Record<Lang, string>;

const ROOT = join(__dirname, '..', '..');

/** What each folder holds, in the order of the table. */
export const ROOMS: Readonly<Record<string, Text>> = {
  report: {
    zh: '领域核心，纯函数：格式即数据（format）、模型与 zod 模式（model、schema）、规则引擎与规则（rules）、导入（import）、工作簿（workbook）、公开页面与开放数据（render）',
    en: 'the pure domain core: the format as data, the model and its zod schema, the rule engine and rules, importers, the workbook, the published page and open data',
  },
  contract: {
    zh: '跨越 HTTP 的一切：路由、请求头、限额、错误代码、媒体类型、答复形状、加载项配置；不依赖任何东西',
    en: 'what crosses HTTP: routes, headers, limits, error codes, media types, answer shapes, the add-in’s config; depends on nothing',
  },
  addin: {
    zh: 'Excel 任务窗格（React + Fluent UI v9）：taskpane（界面与行为）、logic（纯逻辑）、office（Office.js 的薄封装）、api（接口客户端、登录）',
    en: 'the Excel task pane (React + Fluent UI v9): taskpane (UI and behaviour), logic (pure), office (thin Office.js glue), api (API client, sign-in)',
  },
  web: {
    zh: '网页：没有加载项时的报送页、审核台（列表、详情、退回与通过、汇总）',
    en: 'web pages: upload for staff without the add-in, the review desk (list, detail, return and accept, consolidation)',
  },
  functions: {
    zh: '只有在 Lambda 中运行的代码：http（事件、鉴权、答复）、handlers（每条路由一个）、submission（报送）、store（DynamoDB）',
    en: 'only what runs in Lambda: http (events, auth, answers), handlers (one per route), submission, store (DynamoDB)',
  },
  build: {
    zh: '构建：加载项打包、清单、图标、JSON Schema、文档生成（docs）',
    en: 'build code: bundling the add-in, the manifest, icons, the JSON Schema, the generated docs',
  },
  dev: {
    zh: '一台机器上的完整产品（`npm start`）：HTTPS 服务、模拟 API Gateway 的适配器、本地令牌、dynalite',
    en: 'the whole product on one machine (`npm start`): the HTTPS server, an adapter that acts as API Gateway, local tokens, dynalite',
  },
  infra: {
    zh: 'AWS CDK 应用：每条路由一个 Lambda、表、用户池、S3 + CloudFront、告警；管理工具 `npm run admin`',
    en: 'the AWS CDK app: one Lambda per route, the table, the user pool, S3 + CloudFront, alarms; the admin tool `npm run admin`',
  },
  cli: {
    zh: '`nianbao` 命令，每个子命令一个模块（cli/commands/）',
    en: 'the `nianbao` command, one module per subcommand (cli/commands/)',
  },
  harness: {
    zh: '测试与基准共用的工具：Chromium 启动器、HTTPS 客户端、脚本化的 Office、本机整套服务的启动（`startStackIn`）',
    en: 'helpers shared by test/ and bench/: the Chromium launcher, an HTTPS client, a scripted Office host, the local stack in a folder (`startStackIn`)',
  },
  bench: {
    zh: '基准测试（`npm run bench`），结果写入 bench/results.json',
    en: 'the benchmarks (`npm run bench`), results in bench/results.json',
  },
};

const HEAD: Text = {
  zh: '| 目录 | 内容 | 可以导入 |\n| --- | --- | --- |',
  en: '| Folder | Holds | May import |\n| --- | --- | --- |',
};
const NOTHING: Text = { zh: '（项目内的任何目录都不可）', en: '(nothing of the project)' };

/** The lint's border map: folder → the folders it may import besides itself. */
export function borders(): Record<string, string[]> {
  const text = readFileSync(join(ROOT, 'eslint.borders.mjs'), 'utf8');
  const block = /export const BORDERS = \{([\s\S]*?)\n\};/.exec(text)?.[1] ?? '';
  const out: Record<string, string[]> = {};
  for (const m of block.matchAll(/^\s*(\w+): \[([^\]]*)\],?$/gm))
    out[m[1]!] = [...m[2]!.matchAll(/'(\w+)'/g)].map((x) => x[1]!);
  return out;
}

export function roomsTable(lang: Lang): string {
  const map = borders();
  const rows = Object.entries(ROOMS).map(([folder, text]) => {
    const may = map[folder];
    const allowed = may === undefined ? '—' : may.length ? may.map((f) => `${f}/`).join(', ') : NOTHING[lang];
    return `| \`${folder}/\` | ${text[lang]} | ${allowed} |`;
  });
  return [HEAD[lang], ...rows].join('\n');
}

/** Folders the border map knows but the table does not describe, and described folders that are neither. */
export function roomGaps(): string[] {
  const map = borders();
  return [
    ...Object.keys(map)
      .filter((f) => !ROOMS[f])
      .map((f) => `${f}/ is in eslint.borders.mjs but not described`),
    ...Object.keys(ROOMS)
      .filter((f) => !(f in map) && !existsSync(join(ROOT, f)))
      .map((f) => `${f}/ is described but neither a folder nor in eslint.borders.mjs`),
  ];
}
