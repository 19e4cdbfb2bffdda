/** The add-in's HTML pages: small shells around the bundled scripts (Office.js always from Microsoft's CDN). */

export const OFFICE_JS_URL = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

/** Where Office.js loads its own scripts from (its CDN, and the Microsoft Ajax library on older hosts). */
const OFFICE_SCRIPT_ORIGINS = ['https://appsforoffice.microsoft.com', 'https://ajax.aspnetcdn.com'];
/** Office's own frames and telemetry, which Office.js may open from the page. */
const OFFICE_ORIGINS = [
  'https://*.office.com',
  'https://*.office.net',
  'https://*.officeapps.live.com',
  'https://*.microsoft.com',
];

/** What a page may reach besides its own origin: the API and the sign-in service, from the add-in's config. */
export interface PageOrigins {
  readonly connect: readonly string[];
}

/**
 * The pages' Content-Security-Policy: scripts only from the add-in's origin and Office.js's CDN (no inline script,
 * no eval), requests only to the add-in, the API and the sign-in service, no plugins, no <base> rewrites. Styles may
 * be inline (Fluent UI's Griffel inserts them at run time). Sent as a <meta> tag, so it travels with the files
 * whatever serves them (frame-ancestors cannot be set there: Office hosts the pane in frames of many domains).
 */
export function contentSecurityPolicy(origins: PageOrigins): string {
  return [
    "default-src 'self'",
    `script-src 'self' ${OFFICE_SCRIPT_ORIGINS.join(' ')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self' ${[...new Set(origins.connect)].join(' ')} ${OFFICE_ORIGINS.join(' ')}`.replace(/ +/g, ' '),
    `frame-src 'self' ${OFFICE_ORIGINS.join(' ')}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

const FONT_STACK = `'Segoe UI', 'Microsoft YaHei UI', 'Microsoft YaHei', 'PingFang SC', -apple-system, BlinkMacSystemFont, 'Noto Sans CJK SC', 'Helvetica Neue', sans-serif`;

function page(opts: {
  title: string;
  body: string;
  scripts: readonly string[];
  office: boolean;
  origins: PageOrigins;
}): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(opts.origins)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${opts.title}</title>
<link rel="icon" type="image/png" href="assets/icon-32.png">
${opts.office ? `<script src="${OFFICE_JS_URL}"></script>\n` : ''}<style>
html, body { margin: 0; height: 100%; }
body { font-family: ${FONT_STACK}; background: #f5f5f5; color: #242424; }
.shell { padding: 16px; font-size: 14px; color: #616161; }
</style>
</head>
<body>
${opts.body}
${opts.scripts.map((s) => `<script src="${s}"></script>`).join('\n')}
</body>
</html>
`;
}

export function taskpaneHtml(script: string, origins: PageOrigins): string {
  return page({
    title: '年报通',
    body: '<div id="root"><p class="shell">正在加载年报通… / Loading Nianbao…</p></div>',
    scripts: [script],
    office: true,
    origins,
  });
}

export function commandsHtml(script: string, origins: PageOrigins): string {
  return page({ title: '年报通 commands', body: '', scripts: [script], office: true, origins });
}

export function signInHtml(script: string, origins: PageOrigins): string {
  return page({
    title: '登录 / Sign in',
    body: '<p id="status" class="shell">正在打开登录页… / Opening the sign-in page…</p>',
    scripts: [script],
    office: false,
    origins,
  });
}

export function signInCallbackHtml(script: string, origins: PageOrigins): string {
  return page({
    title: '登录 / Sign in',
    body: '<p class="shell">登录完成，正在返回 Excel… / Signed in; returning to Excel…</p>',
    scripts: [script],
    office: true,
    origins,
  });
}

/** A short page about the add-in (the manifest's SupportUrl and the ribbon's "learn more"). */
export function helpHtml(origins: PageOrigins = { connect: [] }): string {
  return page({
    title: '年报通 Excel 加载项 / The Nianbao Excel add-in',
    body: `<main class="shell" style="max-width:640px;color:#242424">
<h1 style="font-size:20px">年报通 Excel 加载项</h1>
<p>在 Excel「开始」选项卡的「年报」组中点击「年报通」打开任务窗格：插入官方格式的年报模板，填写时每个单元格实时校验，填写完成后一键报送到中心库并生成公开页面。</p>
<h2 style="font-size:16px" lang="en">The Nianbao Excel add-in</h2>
<p lang="en">On the Home tab, choose Nianbao in the Annual report group to open the task pane: insert the report template in the official format, see every cell checked as you type, and submit the finished report in one click to the central repository, which publishes it.</p>
</main>`,
    scripts: [],
    office: false,
    origins,
  });
}
