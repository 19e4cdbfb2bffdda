/** The web pages' words: Chinese, or English when the address asks for it (?lang=en). */
import type { Bilingual } from '../../contract/bilingual';

export type Lang = 'zh' | 'en';

export function pageLang(): Lang {
  return new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'zh';
}

const b = (zh: string, en: string): Bilingual => ({ zh, en });

export const WEB_STRINGS = {
  appName: b('年报通', 'Nianbao'),
  uploadTitle: b('网页报送年报', 'Submit a report on the web'),
  deskTitle: b('年报审核台', 'Review desk'),
  signIn: b('登录', 'Sign in'),
  signOut: b('退出登录', 'Sign out'),
  signInTitle: b('请先登录', 'Sign in first'),
  signInCognito: b('使用统一身份认证登录', 'Sign in with your organisation account'),
  devNote: b(
    '本地开发环境：填写机关代码（审核人再填审核机关）即可登录。',
    'Local development stack: an agency id (and, for a reviewer, an office) signs you in.',
  ),
  agencyId: b('机关代码', 'Agency id'),
  agencyName: b('机关名称', 'Agency name'),
  officeId: b('审核机关（政府代码）', 'Reviewing office (government id)'),
  admin: b('管理员', 'Administrator'),
  signedInAs: b('已登录：{who}', 'Signed in: {who}'),
  year: b('报告年度', 'Reporting year'),
  // Upload
  templateTitle: b('年报模板', 'The report template'),
  templateHint: b(
    '没有加载项时：下载官方格式的空白模板，用 WPS、LibreOffice 或 Excel 填写（先在「基本信息」填写行政机关名称和报告年度），保存为 .xlsx 后在下方上传。',
    'Without the add-in: download the blank template in the official format, fill it in with WPS, LibreOffice or Excel (first the agency’s name and the reporting year on 基本信息), save it as .xlsx and upload it below.',
  ),
  templateDownload: b('下载空白模板（.xlsx）', 'Download the blank template (.xlsx)'),
  chooseFile: b('选择年报文件', 'Choose the report file'),
  fileHint: b(
    '填好的年报模板（WPS、LibreOffice 或 Excel 保存的 .xlsx），或已公开的年报（{kinds}）。',
    'The filled template (.xlsx, saved by WPS, LibreOffice or Excel), or a published report ({kinds}).',
  ),
  checkAndSubmit: b('检查并报送', 'Check and submit'),
  submitting: b('正在报送…', 'Submitting…'),
  retrying: b('服务器繁忙，正在重试（第 {n}/{of} 次）…', 'The server is busy; retrying ({n} of {of})…'),
  waitingRetry: b(
    '服务器要求等待 {s} 秒，之后自动重试（第 {n}/{of} 次）…',
    'The server asks to wait {s} s; retrying then ({n} of {of})…',
  ),
  confirmAndSubmit: b('确认并报送', 'Confirm and submit'),
  errorsTitle: b('年报有错误，未予接收', 'The report has errors and was not accepted'),
  errorsHint: b('请在文件中改正以下错误后重新上传。', 'Correct these errors in the file and upload it again.'),
  warningsTitle: b('请核实以下警告', 'Check these warnings'),
  warningsHint: b('逐项核实后勾选确认，再报送。', 'Tick each one once checked, then submit.'),
  confirmRule: b('我已核实 {rule}', 'I have checked {rule}'),
  acceptedTitle: b('已报送：第 {version} 版', 'Submitted: version {version}'),
  acceptedBody: b('{agency} {year} 年度报告于 {when} 收到。', 'The {year} report of {agency} was received on {when}.'),
  awaiting: b('等待审核机关审核，通过后公开。', 'Waiting for the reviewing office; public once accepted.'),
  published: b('已公开', 'Published'),
  viewPage: b('查看公开页面', 'View the published page'),
  failedTitle: b('未能报送', 'Could not submit'),
  reviewTitle: b('审核情况', 'Review'),
  noReport: b('该年度尚未报送。', 'Nothing submitted for this year yet.'),
  returnedTitle: b('年报已被审核机关退回', 'The report was returned by the reviewing office'),
  returnedBody: b(
    '第 {version} 版于 {when} 退回。理由：{reason}',
    'Version {version} was returned on {when}. Reason: {reason}',
  ),
  returnedHint: b('请按审核意见修改后重新上传报送。', 'Correct the report as commented and upload it again.'),
  comments: b('单元格批注', 'Cell comments'),
  // Nothing to report (the clerk on the upload page, the office on its desk)
  nothingOpen: b('本年度无需报送…', 'Nothing to report this year…'),
  nothingTitle: b('登记无需报送：{name} {year} 年度', 'File "nothing to report": {name}, {year}'),
  nothingHint: b(
    '本年度没有需要报送的年报时（如机关已撤并）登记，须写明理由；「无需报送」与「未报送」分开计数，不算逾期。登记后仍可报送年报，报送后以年报为准。',
    'For a year with no report to submit (e.g. the agency was merged), with a reason; it is counted apart from "not submitted" and is not overdue. A report submitted later takes its place.',
  ),
  nothingReason: b('无需报送的理由（必填）', 'Why there is nothing to report (required)'),
  doNothing: b('登记无需报送', 'File nothing to report'),
  cancel: b('取消', 'Cancel'),
  nothingFiled: b(
    '已于 {when} 登记本年度无需报送。理由：{reason}',
    'Filed as nothing to report on {when}. Reason: {reason}',
  ),
  // Findings
  errors: b('错误', 'Errors'),
  warnings: b('警告', 'Warnings'),
  infos: b('提示', 'Hints'),
  noFindings: b('没有发现问题。', 'No findings.'),
  // States
  state_missing: b('未报送', 'Not submitted'),
  state_submitted: b('已报送', 'Submitted'),
  state_returned: b('已退回', 'Returned'),
  state_accepted: b('已通过', 'Accepted'),
  state_nothing: b('无需报送', 'Nothing to report'),
  // Desk
  office: b('审核机关', 'Office'),
  load: b('查看', 'Show'),
  overdue: b('逾期', 'Overdue'),
  late: b('迟报', 'Late'),
  deadline: b('截止日期', 'Deadline'),
  agency: b('机关', 'Agency'),
  kind: b('类别', 'Kind'),
  state: b('状态', 'State'),
  lastSubmitted: b('最近报送', 'Last submitted'),
  version: b('版本', 'Version'),
  open: b('打开', 'Open'),
  actions: b('操作', 'Actions'),
  exportCsv: b('导出 CSV', 'Export CSV'),
  remind: b('发送催报提醒', 'Send reminders'),
  reminded: b(
    '已提醒 {sent} 个机关；无法送达 {unreachable} 个。',
    'Reminded {sent} agencies; {unreachable} unreachable.',
  ),
  reminders: b('提醒名单：{list}', 'To remind: {list}'),
  consolidated: b('汇总本级政府年报', 'Consolidated report'),
  downloadXlsx: b('下载工作簿', 'Download the workbook'),
  showConsolidated: b('查看汇总', 'Show the sums'),
  included: b('已计入（{n}）', 'Included ({n})'),
  missing: b('未计入（{n}）', 'Missing ({n})'),
  counts: b('共 {total} 个机关', '{total} agencies'),
  loadingMore: b('已载入 {total} 个机关，正在载入其余机关…', '{total} agencies loaded; loading the rest…'),
  back: b('返回审核台', 'Back to the desk'),
  versions: b('版本', 'Versions'),
  olderVersions: b('显示更早的版本', 'Show older versions'),
  history: b('审核记录', 'Review history'),
  findings: b('校验结果', 'Findings'),
  returnTitle: b('审核', 'Review'),
  reason: b('退回理由（必填）', 'Reason (required)'),
  cell: b('单元格', 'Cell'),
  comment: b('批注', 'Comment'),
  addComment: b('添加批注', 'Add a comment'),
  removeComment: b('删除此批注', 'Remove this comment'),
  doReturn: b('退回', 'Return'),
  doAccept: b('通过', 'Accept'),
  actionDone: b('已完成：{state}', 'Done: {state}'),
  actionFailed: b('操作未成功：{detail}', 'Not done: {detail}'),
  by: b('{who} · {when}', '{who} · {when}'),
} as const;

export type WebKey = keyof typeof WEB_STRINGS;

export function tr(lang: Lang, key: WebKey, vars: Readonly<Record<string, string | number>> = {}): string {
  return WEB_STRINGS[key][lang].replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

export function when(iso: string, lang: Lang): string {
  return new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { hour12: false });
}
