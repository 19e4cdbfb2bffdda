/**
 * Builds the web pages (web/: the upload page, the reviewer desk, the sign-in callback) into <addin>/web/, beside the
 * add-in they share an origin and config.json with: esbuild with code splitting (React and Fluent UI once for both
 * pages), module scripts, small HTML shells, and the blank template the upload page offers. buildAddin calls it,
 * so `npm start`, `npm run build` and the CDK app ship them.
 */
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { WEB_DIR, WEB_FILES } from '../contract/web';
import { browserBuild } from './browser';
import { contentSecurityPolicy, type PageOrigins } from './pages';

const ROOT = resolve(__dirname, '..');

/** Server-side and heavy modules never reach the pages (the findings come from the API). */
export const FORBIDDEN_IN_WEB = [
  /node_modules\/(exceljs|htmlparser2|zod|jszip|fflate|@aws-sdk|@aws-lambda-powertools|dynalite)\//,
  /^report\/(import|input|render|schema)\//,
  /^report\/workbook\/(template|read|zip)\.ts$/,
  /^(functions|dev|build|infra|cli)\//,
];

const FONT_STACK = `'Segoe UI', 'Microsoft YaHei UI', 'Microsoft YaHei', 'PingFang SC', -apple-system, BlinkMacSystemFont, 'Noto Sans CJK SC', 'Helvetica Neue', sans-serif`;

function page(title: string, script: string, origins: PageOrigins): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(origins)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<link rel="icon" type="image/png" href="../assets/icon-32.png">
<style>html, body { margin: 0; } body { font-family: ${FONT_STACK}; background: #f5f5f5; color: #242424; }</style>
</head>
<body>
<div id="root"><p style="padding:16px;color:#616161">正在加载… / Loading…</p></div>
<script type="module" src="${script}"></script>
</body>
</html>
`;
}

/**
 * The blank official template (no agency, no year: the clerk fills both on 基本信息), written by the writer the add-in
 * and `nianbao template` use; loaded here (require) so that importing this module stays cheap.
 */
async function blankTemplate(): Promise<Uint8Array> {
  const { writeWorkbook } = require('../report/workbook/template') as typeof import('../report/workbook/template');
  return writeWorkbook({});
}

export interface BuildWebResult {
  readonly files: readonly string[];
  /** JS and CSS the upload page loads (its entry and the chunks it imports), gzip. */
  readonly uploadGzipBytes: number;
}

/**
 * Writes the pages into `<addinDir>/web/`. `origins`: what they may connect to besides their own origin (the API,
 * the sign-in service); they carry the add-in's Content-Security-Policy (build/pages.ts).
 */
export async function buildWeb(opts: {
  addinDir: string;
  origins: PageOrigins;
  minify?: boolean;
}): Promise<BuildWebResult> {
  const outDir = join(resolve(opts.addinDir), WEB_DIR);
  mkdirSync(outDir, { recursive: true });
  const entries = { upload: 'web/upload/index.tsx', desk: 'web/desk/index.tsx', callback: 'web/callback.ts' };
  const result = await build({
    ...browserBuild(ROOT, outDir, opts.minify),
    entryPoints: entries,
    chunkNames: 'chunk-[hash]',
    splitting: true,
    format: 'esm',
  });
  const bad = Object.keys(result.metafile.inputs).filter((i) => FORBIDDEN_IN_WEB.some((re) => re.test(i)));
  if (bad.length) throw new Error(`the web pages must not include: ${bad.slice(0, 5).join(', ')}`);
  const scriptOf = (entry: string) =>
    basename(Object.entries(result.metafile.outputs).find(([, o]) => o.entryPoint === entry)![0]);
  const pages: [string, string][] = [
    [basename(WEB_FILES.upload), page('年报通 · 网页报送 / Submit a report', scriptOf(entries.upload), opts.origins)],
    [basename(WEB_FILES.desk), page('年报通 · 审核台 / Review desk', scriptOf(entries.desk), opts.origins)],
    [basename(WEB_FILES.callback), page('登录 / Sign in', scriptOf(entries.callback), opts.origins)],
  ];
  for (const [name, html] of pages) writeFileSync(join(outDir, name), html);
  writeFileSync(join(outDir, basename(WEB_FILES.template)), await blankTemplate());
  // What the upload page loads: its entry and every chunk it imports, transitively.
  const outputs = result.metafile.outputs;
  const seen = new Set<string>();
  const walk = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    for (const i of outputs[path]?.imports ?? []) if (i.kind === 'import-statement') walk(i.path);
    const css = outputs[path]?.cssBundle;
    if (css) seen.add(css);
  };
  walk(Object.entries(outputs).find(([, o]) => o.entryPoint === entries.upload)![0]);
  const uploadGzipBytes = [...seen].reduce(
    (n, p) => n + gzipSync(readFileSync(resolve(ROOT, p)), { level: 9 }).length,
    0,
  );
  return {
    files: [
      ...pages.map(([n]) => `${WEB_DIR}/${n}`),
      WEB_FILES.template,
      ...Object.keys(outputs).map((o) => `${WEB_DIR}/${basename(o)}`),
    ].sort(),
    uploadGzipBytes,
  };
}
