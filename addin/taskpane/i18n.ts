/** The pane's words: Chinese first, English when Office's display language is English. */
import type { Bilingual, Severity } from '../../report/model/types';

export type Lang = 'zh' | 'en';

/** Office.context.displayLanguage (e.g. zh-CN, en-US) → the pane's language. */
export function langOf(displayLanguage: string | undefined): Lang {
  return displayLanguage && /^en\b/i.test(displayLanguage) ? 'en' : 'zh';
}

/**
 * In Chinese the spaces set around numbers and names (第 {version} 版, {year} 年度) are no places to break a line:
 * they become no-break spaces, and lines still break between the characters as Chinese does.
 */
const b = (zh: string, en: string): Bilingual => ({ zh: zh.replace(/ /g, '\u00a0'), en });

export const STRINGS = {
  appName: b('年报通', 'Nianbao'),
  appTagline: b('政府信息公开工作年度报告', 'Annual report on government information disclosure'),
  reportOfYear: b('{year} 年度报告', 'Report for {year}'),
  tabCheck: b('校验', 'Checks'),
  tabProse: b('正文', 'Text'),
  tabSubmit: b('报送', 'Submit'),
  // Review by the office
  returnedTitle: b('年报已被审核机关退回', 'Your report was returned by the reviewing office'),
  returnedBody: b(
    '第 {version} 版于 {when} 退回。理由：{reason}',
    'Version {version} was returned on {when}. Reason: {reason}',
  ),
  returnedComments: b('审核意见（点击定位单元格）', 'Comments (click to go to the cell)'),
  returnedHint: b('修改后重新报送即可。', 'Correct the report and submit it again.'),
  acceptedTitle: b('年报已通过审核', 'Your report was accepted'),
  acceptedBody: b('第 {version} 版于 {when} 通过。', 'Version {version} was accepted on {when}.'),
  // Sign-in
  signIn: b('登录', 'Sign in'),
  signOut: b('退出登录', 'Sign out'),
  signInTitle: b('登录后报送', 'Sign in to submit'),
  signInHint: b(
    '登录后将自动填写机关名称，并从中心库预填上年结转数。',
    'Signing in fills in your agency and prefills last year’s carried-over figures.',
  ),
  signInCognito: b('使用统一身份认证登录', 'Sign in with your organisation account'),
  devSignInNote: b(
    '本地开发环境：输入机关代码和名称即可登录。',
    'Local development stack: enter an agency id and name to sign in.',
  ),
  agencyId: b('机关代码', 'Agency id'),
  agencyIdHint: b('小写字母、数字和连字符，如 yiyang-hrss', 'Lower-case letters, digits and hyphens, e.g. yiyang-hrss'),
  agencyName: b('机关名称', 'Agency name'),
  signedInAs: b('已登录：{name}', 'Signed in: {name}'),
  signInCancelled: b('登录窗口已关闭，未登录。', 'The sign-in window was closed; not signed in.'),
  signInFailed: b('登录失败：{detail}', 'Sign-in failed: {detail}'),
  sessionExpired: b('登录已过期，请重新登录。', 'Your sign-in has expired; sign in again.'),
  // Template
  templateMissingTitle: b('尚未插入年报模板', 'No report template yet'),
  templateMissingBody: b(
    '插入官方格式的年报模板后，每个单元格都会实时校验。',
    'Insert the template in the official format; every cell is then checked as you type.',
  ),
  insertTemplate: b('插入年报模板', 'Insert template'),
  inserting: b('正在插入模板…', 'Inserting the template…'),
  inserted: b('已插入 {year} 年度年报模板。', 'The report template for {year} is in the workbook.'),
  alreadyPresent: b(
    '工作簿中已有年报模板（{sheets}），未重复插入。如需重新开始，请新建一个空白工作簿。',
    'This workbook already has the report template ({sheets}); nothing was inserted. To start over, use a new blank workbook.',
  ),
  partialTemplate: b(
    '年报模板不完整：缺少工作表 {sheets}。请勿重命名或删除模板的工作表。',
    'The report template is incomplete: sheet(s) {sheets} missing. Do not rename or delete the template’s sheets.',
  ),
  insertFailed: b(
    '插入模板失败（{detail}）。请新建一个空白工作簿后重试。',
    'Inserting the template failed ({detail}). Try again in a new blank workbook.',
  ),
  insertUnsupported: b(
    '此版本的 Excel 不支持插入模板（需要 ExcelApi 1.13）。请更新 Office，或使用 Excel 网页版。',
    'This version of Excel cannot insert the template (ExcelApi 1.13 needed). Update Office, or use Excel on the web.',
  ),
  prefilled: b(
    '已按 {year} 年度报告预填 {count} 个单元格（蓝色底纹）：二、上年结转与现行有效件数。请核对，可直接修改。',
    '{count} cells were prefilled from the {year} report (blue shading): 二 carried over and the in-force counts. Check them; you can edit them.',
  ),
  noPrevious: b(
    '中心库中没有 {year} 年度报告，上年结转数请手工填写。',
    'No {year} report in the repository: enter the carried-over figures by hand.',
  ),
  previousFailed: b(
    '未能读取上年度报告（{detail}），上年结转数请手工填写。',
    'Could not load last year’s report ({detail}); enter the carried-over figures by hand.',
  ),
  // Checks
  errors: b('错误', 'Errors'),
  errorCount: b('{n} 个错误', '{n} error(s)'),
  warningCount: b('{n} 个警告', '{n} warning(s)'),
  warnings: b('警告', 'Warnings'),
  infos: b('提示', 'Hints'),
  checking: b('正在校验…', 'Checking…'),
  checkedAt: b('校验于 {time}', 'Checked at {time}'),
  allClear: b('未发现问题', 'No problems found'),
  allClearBody: b('所有校验规则均已通过。', 'Every rule passes.'),
  goTo: b('定位 {where}', 'Go to {where}'),
  ruleChecks: b('这条规则检查什么', 'What this rule checks'),
  showCells: b('查看', 'Show'),
  withPrevious: b('已对照 {year} 年度报告', 'Compared with the {year} report'),
  // Last year's report from a file
  previousFileTitle: b('上年年报', 'Last year’s report'),
  previousFileHint: b(
    '中心库中没有 {year} 年度报告时，可从已公开的网页文本、网页或 Word 文档（.txt、.html、.docx）读取，用于跨年度校验。',
    'Where the repository has no {year} report, read it from its published text, web page or Word document (.txt, .html, .docx) for the cross-year checks.',
  ),
  previousFilePick: b('从文件读取上年年报', 'Read it from a file'),
  previousFileOther: b('换一个文件', 'Another file'),
  previousFileForget: b('不再使用此文件', 'Stop using this file'),
  previousFileRead: b('已从文件“{name}”读取 {year} 年度报告。', 'The {year} report was read from “{name}”.'),
  previousFileRepairs: b(
    '读取时有 {count} 处需要确认：请选择正确的读法。',
    '{count} place(s) need your confirmation: choose the right reading.',
  ),
  previousFileApply: b('采用 {id}', 'Use {id}'),
  previousFileTooLarge: b(
    '文件“{name}”过大（{size}，上限 {limit}）。',
    'The file “{name}” is too large ({size}; the limit is {limit}).',
  ),
  previousFileUnreadable: b('无法从“{name}”读取年报：{detail}', 'Cannot read a report from “{name}”: {detail}'),
  previousFileYear: b(
    '文件“{name}”是 {found} 年度的报告，需要的是 {year} 年度。',
    'The file “{name}” is the report for {found}; the {year} report is needed.',
  ),
  previousFileFailed: b('读取“{name}”失败：{detail}', 'Reading “{name}” failed: {detail}'),
  // Prose
  proseHint: b(
    '可在此编辑正文，写回工作表后自动校验。',
    'Edit the text here; it is checked once written back to the sheet.',
  ),
  writeBack: b('写入工作表', 'Write to sheet'),
  written: b('已写入', 'Written'),
  chars: b('{n} 字', '{n} characters'),
  noSectionFindings: b('未发现问题', 'No problems'),
  // Submit
  submitTitle: b('一键报送', 'Submit'),
  submitBody: b(
    '提交前将再次校验：有错误不能提交，警告需确认。工作簿文件将一并存档。',
    'The report is checked once more first: errors block, warnings need your confirmation. The workbook file is archived with it.',
  ),
  submit: b('一键提交', 'Submit report'),
  submitNeedsSignIn: b('请先登录', 'Sign in first'),
  submitNeedsTemplate: b('请先插入并填写年报模板', 'Insert and fill in the template first'),
  blocked: b('有 {n} 个错误，修改后才能提交。', '{n} error(s) must be fixed before submitting.'),
  confirmTitle: b('确认警告后提交', 'Confirm the warnings'),
  confirmBody: b(
    '以下 {n} 条警告需要您核实。确认无误后再提交。',
    'Please check these {n} warning(s) before submitting.',
  ),
  confirmAndSubmit: b('确认并提交', 'Confirm and submit'),
  backToEdit: b('返回修改', 'Go back'),
  stepCheck: b('正在校验…', 'Checking…'),
  stepExport: b('正在读取工作簿文件…', 'Reading the workbook file…'),
  stepUpload: b('正在上传…', 'Uploading…'),
  stepUploadRetry: b('正在重试上传（第 {n}/{of} 次）…', 'Retrying the upload ({n} of {of})…'),
  receiptTitle: b('已报送', 'Submitted'),
  receiptBody: b('{agency} {year} 年度报告 · 第 {version} 版', '{agency}, report for {year} · version {version}'),
  receiptTime: b('报送时间 {time}', 'Submitted at {time}'),
  receiptReplayed: b(
    '此前的提交已被接收，未重复保存。',
    'An earlier attempt had already been received; nothing was stored twice.',
  ),
  openPublished: b('查看公开页面', 'Open the published page'),
  serverFindings: b('服务器校验结果', 'The server’s findings'),
  refused: b('未被接收', 'Not accepted'),
  failed: b('提交失败', 'Submission failed'),
  retry: b('重试', 'Retry'),
  retryNote: b(
    '重试将使用同一提交编号，不会重复报送。',
    'A retry uses the same submission id, so the report cannot be stored twice.',
  ),
  fileTooLarge: b(
    '工作簿文件过大（{size}），超过 {limit} 的上限。请删除模板以外的工作表和图片后再提交。',
    'The workbook file is too large ({size}; the limit is {limit}). Remove sheets and pictures other than the template and try again.',
  ),
  exportFailed: b('无法读取工作簿文件：{detail}', 'Cannot read the workbook file: {detail}'),
  newSubmission: b('再次提交', 'Submit again'),
  // General
  dismiss: b('关闭', 'Dismiss'),
  officeError: b('Excel 操作失败：{detail}', 'Excel reported an error: {detail}'),
  notInExcel: b('请在 Excel 中打开年报通加载项。', 'Open the Nianbao add-in in Excel.'),
  configError: b('加载项配置无法读取：{detail}', 'The add-in’s configuration cannot be read: {detail}'),
} as const satisfies Record<string, Bilingual>;

export type StringKey = keyof typeof STRINGS;

/** A message with its parameters, kept language-neutral in state and rendered in the pane's language. */
export interface Message {
  readonly key?: StringKey;
  readonly text?: Bilingual;
  readonly vars?: Readonly<Record<string, string | number>>;
}

export function fill(template: string, vars: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

export function t(lang: Lang, key: StringKey, vars?: Readonly<Record<string, string | number>>): string {
  return fill(STRINGS[key][lang], vars);
}

export function say(lang: Lang, m: Message): string {
  const base = m.text ? m.text[lang] : m.key ? STRINGS[m.key][lang] : '';
  return fill(base, m.vars);
}

/** A message whose detail is itself bilingual (an API error's message). */
export function withDetail(
  key: StringKey,
  detail: Bilingual,
  vars: Readonly<Record<string, string | number>> = {},
): Message {
  return {
    text: {
      zh: fill(STRINGS[key].zh, { ...vars, detail: detail.zh }),
      en: fill(STRINGS[key].en, { ...vars, detail: detail.en }),
    },
  };
}

export const SEVERITY_LABEL: Record<Severity, StringKey> = { error: 'errors', warning: 'warnings', info: 'infos' };

export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}
