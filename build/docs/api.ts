/**
 * The generated parts of docs/api.md and docs/api.en.md: the route table, the request headers and the error codes,
 * drawn from the HTTP contract. What each route and header is for is written here, keyed by the contract’s entries;
 * test/docs/generated.test.ts fails when a route or header has no description, or a description no route.
 */
import { ERRORS } from '../../contract/errors';
import { API_BASE, ROUTES, type RouteAuth } from '../../contract/routes';
import * as HEADERS from '../../contract/headers';
import { PAGE_MAX, ROOT_NODE, publishedPaths } from '../../contract/published';

type Lang = 'zh' | 'en';
type Text = Record<Lang, string>;

/** What each route does, by `METHOD path` (paths as in the route table, relative to API_BASE). */
export const ROUTE_SUMMARIES: Readonly<Record<string, Text>> = {
  'POST /reports': {
    zh: '报送年报（见下文「报送」）；管理员可用 `?agency=ID` 代某机关报送',
    en: 'submit a report (see Submitting below); admins may add `?agency=ID` to submit for an agency',
  },
  'GET /reports': {
    zh: '`?year=Y`（默认上一年）：本机关该年度的状态；管理员用 `&agency=ID` 看某机关，不带时按机关代码顺序分页列出所有已知机关（登记的、该年或上一年有版本的），含未报送的：`&limit=N`（默认 100，最多 500）、`&cursor=` 取上一页的 `next`，`{year, submitted, notSubmitted, reports[], next?}`（计数为本页）',
    en: '`?year=Y` (default last year): the agency’s status for the year; admins may add `&agency=ID`, or page through every known agency (registered, or with a version in Y or Y−1) in id order, submitted or not: `&limit=N` (default 100, at most 500), `&cursor=` the previous page’s `next`; `{year, submitted, notSubmitted, reports[], next?}` (counts of this page)',
  },
  'GET /reports/{agency}/{year}': {
    zh: '最新版本，含报告、校验结果、公开状态、审核状态 `review`（退回的理由与单元格批注）及全部审核记录 `reviews`',
    en: 'the latest version, with the report, its findings, its publication, its review status `review` (a return’s reason and cell comments) and every transition `reviews`',
  },
  'GET /reports/{agency}/{year}/versions': {
    zh: '各版本（最新的在前，分页）：谁、何时、所发内容的 SHA-256；`?limit=N`（默认 50，最多 200）、`&cursor=` 取上一页的 `next`（更早的版本），`{agency, year, versions[], publication, review, next?}`（公开与审核状态为整份年报的）',
    en: 'the versions, newest first, a page at a time: who, when, the SHA-256 of what was sent; `?limit=N` (default 50, at most 200), `&cursor=` the previous page’s `next` (older versions); `{agency, year, versions[], publication, review, next?}` (what is public and the review state are the report’s)',
  },
  'GET /reports/{agency}/{year}/versions/{version}': {
    zh: '某一版本，含报告与校验结果',
    en: 'one version, with its report and findings',
  },
  'GET /reports/{agency}/{year}/versions/{version}/original': {
    zh: '原样存档的原件，逐字节',
    en: 'the archived original, byte for byte',
  },
  'POST /reports/{agency}/{year}/versions/{version}/publish': {
    zh: '公开指定版本（可为较早版本），可附 `{"reason"}`',
    en: 'publish that version (an earlier one too), with an optional `{"reason"}`',
  },
  'POST /reports/{agency}/{year}/withdraw': {
    zh: '撤回公开，可附 `{"reason"}`',
    en: 'withdraw from publication, with an optional `{"reason"}`',
  },
  'POST /reports/{agency}/{year}/return': {
    zh: '审核机关退回：`{reason, comments?: [{cell, comment}], version?}`；理由必填，批注按单元格编号（如 `t3.new.natural`）；仅限已报送或已通过的年报',
    en: 'the office returns it: `{reason, comments?: [{cell, comment}], version?}`; a reason is required, comments name cells by id (e.g. `t3.new.natural`); from submitted or accepted only',
  },
  'POST /reports/{agency}/{year}/accept': {
    zh: '审核机关通过：`{version?}`（所审核的版本，已有更新的版本则 409 `E-REVIEW-STALE`）；通过后公开的审核机关此时公开该版本',
    en: 'the office accepts it: `{version?}` (the version reviewed; a newer one → 409 `E-REVIEW-STALE`); offices that publish on 通过 publish it now',
  },
  'POST /reports/{agency}/{year}/nothing-to-report': {
    zh: '本机关（或其审核机关）报告该年度无需报送：`{reason}`，与「未报送」分开统计；之后报送年报即恢复为已报送',
    en: 'the agency (or its office) files that it has nothing to report: `{reason}`, counted apart from not submitted; a later report replaces it',
  },
  'GET /review/{year}': {
    zh: '审核台，按机关代码顺序分页：审核机关所审核的机关的状态、报送/退回/通过日期、截止日期与逾期、迟报标记、各状态计数和提醒名单（计数与名单为本页）；`?office=ID`（管理员必填，审核人默认本机关）、`&asOf=日期`（按某一时刻计算逾期；翻页时沿用第一页的 `asOf`）、`&limit=N`（默认 100，最多 500）、`&cursor=` 取上一页的 `next`，`{office, officeName, year, asOf, counts, rows[], reminders[], next?}`；`&format=csv` 为全部机关（Excel 可打开的 CSV）',
    en: 'the desk, paged in id order: the agencies the office reviews with their state, dates, deadline, overdue and late flags, counts and the reminder list (both of this page); `?office=ID` (admins must give it; a reviewer’s own by default), `&asOf=date` (flags as of a moment; pass the first page’s `asOf` when paging), `&limit=N` (default 100, at most 500), `&cursor=` the previous page’s `next`; `{office, officeName, year, asOf, counts, rows[], reminders[], next?}`; `&format=csv`: every agency of the office (CSV for Excel)',
  },
  'POST /review/{year}/reminders': {
    zh: '向本机关全部所审核机关中在提醒名单上的机关发送催报提醒（不分页，服务端逐页读取；部署阶段开启 `reminderFrom` 时经 Amazon SES 发邮件，否则写入日志）：`{sent, unreachable, channel}`',
    en: 'reminds every agency of the office on the reminder list (not paged: read a page at a time on the server; e-mail through Amazon SES when the stage sets `reminderFrom`, else the log): `{sent, unreachable, channel}`',
  },
  'GET /review/{year}/consolidated': {
    zh: '汇总本级政府年报：表二、表三、表四为所涵盖机关已通过年报的合计（`?scope=departments|all`，默认按名录中的汇总范围），正文附数字句子的草稿；`{included, missing, report, findings}`，或 `&format=xlsx` 为官方格式的工作簿',
    en: 'the consolidated 本级政府 report: tables 二, 三, 四 summed over the accepted reports of the agencies covered (`?scope=departments|all`, default: the registry’s setting), with a draft of the figures’ sentences; `{included, missing, report, findings}`, or the official workbook with `&format=xlsx`',
  },
  'POST /agencies': {
    zh: '导入机关名录（`text/csv`，列见审核指南）：先校验每一行，有错误则 422 `E-REGISTRY-CSV` 列出行号、不导入任何内容；答复 `{rows, added, changed, unchanged, cascaded}`',
    en: 'load the agency registry (`text/csv`, columns in the reviewer guide): every row checked first, any fault → 422 `E-REGISTRY-CSV` with the lines and nothing imported; answers `{rows, added, changed, unchanged, cascaded}`',
  },
  'GET /agencies': {
    zh: '`?office=ID`（该审核机关审核的机关）或 `?region=ID`（所属于该政府的机关；留空为最上一级），`&limit=`（≤500）`&cursor=`：一页 `{agencies, next?}`',
    en: '`?office=ID` (the agencies an office reviews) or `?region=ID` (those belonging to a government; empty: the top), `&limit=` (≤500) `&cursor=`: a page `{agencies, next?}`',
  },
  'GET /agencies/{agency}': {
    zh: '某机关的登记信息：名称、层级、类别、上级政府、审核机关、路径、公开方式',
    en: "an agency's record: name, level, kind, parent, office, path, publication setting",
  },
};

/** The request and answer headers of the submission, by the name of their constant. */
export const HEADER_SUMMARIES: Readonly<Record<keyof typeof HEADERS, { header: string; text: Text }>> = {
  IDEMPOTENCY_HEADER: {
    header: 'Idempotency-Key',
    text: {
      zh: '必填，1–128 个可见 ASCII 字符；同一份报告沿用同一个键（内容改了才换新键），重试时沿用',
      en: 'required, 1–128 visible ASCII characters; kept for one report (a new one once its content changes) and reused for its retries',
    },
  },
  YEAR_HEADER: {
    header: 'X-Report-Year: 2021',
    text: {
      zh: '报告本身未写年度时（如已公开的文本），也可用 `?year=`',
      en: 'where the body does not state the year (e.g. published text); `?year=` works too',
    },
  },
  CONFIRM_HEADER: {
    header: 'X-Confirm-Warnings: all | TEXT-FEE,TYPE-FEE',
    text: { zh: '报送人已核实并确认的警告', en: 'the warnings the submitter checked and confirms' },
  },
  CLIENT_HEADER: {
    header: 'X-Nianbao-Client: addin/1.0 | cli | web',
    text: {
      zh: '发送报送的客户端，记入版本历史；未注明或无法识别时记为 other',
      en: 'the client sending the submission, recorded in the version history; `other` when absent or unknown',
    },
  },
  REPLAYED_HEADER: {
    header: 'Idempotent-Replayed: true',
    text: {
      zh: '答复头：201 重放了同一幂等键先前的报送',
      en: 'answer header: the 201 repeats an earlier submission with the same key',
    },
  },
};

const AUTH: Record<RouteAuth, Text> = {
  public: { zh: '公开', en: 'public' },
  agency: { zh: '本机关', en: 'agency' },
  reviewer: { zh: '审核机关', en: 'reviewer' },
  admin: { zh: '管理员', en: 'admin' },
};

const HEAD = {
  routes: {
    zh: '| 方法 路径 | 权限 | 处理程序 | 说明 |\n| --- | --- | --- | --- |',
    en: '| Route | Auth | Handler | What |\n| --- | --- | --- | --- |',
  },
  headers: { zh: '| 请求头 | 说明 |\n| --- | --- |', en: '| Header | What |\n| --- | --- |' },
  errors: { zh: '| 代码 | HTTP | 说明 |\n| --- | --- | --- |', en: '| Code | HTTP | Meaning |\n| --- | --- | --- |' },
};

function cell(s: string): string {
  return s.replace(/\|/g, '\\|');
}

function routesTable(lang: Lang): string {
  const rows = ROUTES.map((r) => {
    const key = `${r.method} ${r.path}`;
    const what = ROUTE_SUMMARIES[key]?.[lang] ?? '';
    return `| \`${r.method} ${API_BASE}${r.path}\` | ${AUTH[r.auth][lang]} | \`${r.handler}\` | ${cell(what)} |`;
  });
  return [HEAD.routes[lang], ...rows].join('\n');
}

function headersTable(lang: Lang): string {
  const rows = Object.values(HEADER_SUMMARIES).map((h) => `| \`${cell(h.header)}\` | ${cell(h.text[lang])} |`);
  return [HEAD.headers[lang], ...rows].join('\n');
}

function errorsTable(lang: Lang): string {
  const rows = Object.entries(ERRORS).map(([code, e]) => `| \`${code}\` | ${e.status} | ${cell(e[lang])} |`);
  return [HEAD.errors[lang], ...rows].join('\n');
}

/** The published objects (contract/published.ts), each with an example path. */
const PUBLISHED: readonly { readonly path: string; readonly text: Text }[] = [
  {
    path: publishedPaths.index(2025),
    text: { zh: '年度目录首页（全部：各省及其报告数）', en: 'the year’s index (the top: each province and its count)' },
  },
  {
    path: publishedPaths.index(2025, '{node}', 2),
    text: {
      zh: `某节点（某级政府）目录的第 N 页：上级链接、下级地区（首页）、本级年报，每页至多 ${PAGE_MAX} 份`,
      en: `page N of a node’s index (a government): links up, the regions below (first page), its own reports, at most ${PAGE_MAX} a page`,
    },
  },
  {
    path: publishedPaths.report('{agency}', 2025),
    text: {
      zh: '公开页面（HTML）；已撤回 410，未公开 404',
      en: 'the published page (HTML); 410 when withdrawn, 404 if not public',
    },
  },
  {
    path: publishedPaths.manifest(2025),
    text: {
      zh: '开放数据入口（JSON）：年度列定义 `columns`、下级节点 `children`、本级各页 `pages`（HTML、CSV、JSON Lines 地址）与报告数',
      en: 'open data entry (JSON): the year’s `columns`, the `children` nodes, this node’s `pages` (HTML, CSV, JSON Lines addresses) and counts',
    },
  },
  {
    path: publishedPaths.manifest(2025, '{node}'),
    text: { zh: '某节点的清单（同上）', en: 'a node’s manifest (as above)' },
  },
  {
    path: publishedPaths.csv(2025, ROOT_NODE, 1),
    text: {
      zh: '一页报告的 CSV（UTF-8 BOM，防公式注入；同一年度所有 CSV 列相同，可作为一张表读入）',
      en: 'a page of reports as CSV (UTF-8 BOM, formula-injection safe; every CSV of a year has the same columns: one table)',
    },
  },
  {
    path: publishedPaths.jsonl(2025, ROOT_NODE, 1),
    text: { zh: '同一页的 JSON Lines（每行一份报告）', en: 'the same page as JSON Lines (a report per line)' },
  },
  {
    path: publishedPaths.record('{agency}', 2025),
    text: { zh: '一份报告的开放数据记录（JSON）', en: 'one report’s open-data record (JSON)' },
  },
];

function publishedTable(lang: Lang): string {
  const head = lang === 'zh' ? '| 路径（示例） | 内容 |\n| --- | --- |' : '| Path (example) | What |\n| --- | --- |';
  return [head, ...PUBLISHED.map((p) => `| \`GET ${p.path}\` | ${cell(p.text[lang])} |`)].join('\n');
}

export function apiBlocks(lang: Lang): Record<string, string> {
  return {
    routes: routesTable(lang),
    headers: headersTable(lang),
    errors: errorsTable(lang),
    published: publishedTable(lang),
  };
}

/** Descriptions that name no route or header of the contract, and contract entries without a description. */
export function apiDescriptionGaps(): string[] {
  const routes = new Set(ROUTES.map((r) => `${r.method} ${r.path}`));
  const gaps = [
    ...[...routes].filter((k) => !ROUTE_SUMMARIES[k]).map((k) => `route ${k} has no description`),
    ...Object.keys(ROUTE_SUMMARIES)
      .filter((k) => !routes.has(k))
      .map((k) => `description of ${k}, which is not a route`),
  ];
  for (const [name, value] of Object.entries(HEADERS)) {
    const h = HEADER_SUMMARIES[name as keyof typeof HEADERS];
    if (!h) gaps.push(`header ${name} has no description`);
    else if (h.header.split(':')[0]!.toLowerCase() !== value) gaps.push(`header ${name} is ${value}, not ${h.header}`);
  }
  return gaps;
}
