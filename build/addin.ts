/**
 * Builds the add-in into one directory (dist/addin/ by default): the task pane and dialog pages with their bundles
 * (esbuild), icons, the official template as a base64 asset (made here with the report core, so exceljs never
 * enters the pane's bundle), config.json (API URL, sign-in, the API contract's headers and size limit) and the
 * manifest for the same base URL. The local server calls buildAddin at start-up; `npm run build` runs main().
 */
import { build, type Metafile } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { browserBuild } from './browser';
import { iconPng } from './icons';
import { commandsHtml, helpHtml, signInCallbackHtml, signInHtml, taskpaneHtml } from './pages';
import {
  ADDIN_FILES,
  ICON_SIZES,
  LOCAL_BASE_URL,
  apiBaseFor,
  type AddinConfig,
  type SignInConfig,
} from '../contract/addin';
import { manifestXml, type ManifestOptions } from './manifest';
import { buildWeb } from './web';

const ROOT = resolve(__dirname, '..');

export interface BuildAddinOptions {
  /** Where to write the add-in; emptied first. */
  readonly outDir: string;
  /** Where it will be served, e.g. https://localhost:3000 */
  readonly baseUrl: string;
  /** The API's base URL (default: baseUrl + /api). */
  readonly apiBase?: string;
  /** Default: the local stack's dev sign-in. */
  readonly signIn?: SignInConfig;
  /** The reporting year the template is made for (default: last year). */
  readonly year?: number;
  /** Default true; false keeps names readable for debugging. */
  readonly minify?: boolean;
  /** Manifest identity for this build (written as manifest.xml next to the pages). */
  readonly manifest?: Omit<ManifestOptions, 'baseUrl'>;
}

export interface BuildAddinResult {
  readonly outDir: string;
  /** Every file written, relative to outDir. */
  readonly files: readonly string[];
  /** The task pane's script file name (hashed). */
  readonly taskpaneScript: string;
  /** Size of the task pane's JS and CSS: raw and gzip-compressed (the budget is 250 KB gzip). */
  readonly taskpaneBytes: { readonly raw: number; readonly gzip: number };
}

/** Packages and modules that must never reach the task pane's bundle (they are heavy or server-only). */
export const FORBIDDEN_IN_PANE = [
  /node_modules\/(exceljs|htmlparser2|zod|jszip|@aws-sdk|@aws-lambda-powertools|dynalite)\//,
  /^report\/(import|input|render|schema)\//,
  /^report\/workbook\/template\.ts$/,
  /^(functions|dev|build|infra|cli)\//,
];

// The backend and the template writer are loaded when a build runs (require: dynamic import() of these CommonJS
// modules under tsx yields only a default export), so importing this module stays cheap.

async function templateBase64(year: number): Promise<string> {
  const { writeWorkbook } = require('../report/workbook/template') as typeof import('../report/workbook/template');
  return Buffer.from(await writeWorkbook({ year })).toString('base64');
}

function checkBundle(meta: Metafile, entry: string): void {
  const output = Object.entries(meta.outputs).find(([, o]) => o.entryPoint === entry);
  if (!output) throw new Error(`no output for ${entry}`);
  const bad = Object.keys(output[1].inputs).filter((i) => FORBIDDEN_IN_PANE.some((re) => re.test(i)));
  if (bad.length) throw new Error(`the task pane bundle must not include: ${bad.slice(0, 5).join(', ')}`);
}

/** outDir is emptied first: never the filesystem root, the project or a folder that contains it. */
function safeToEmpty(dir: string): void {
  const abs = resolve(dir);
  const up = relative(abs, ROOT);
  if (abs === dirname(abs) || up === '' || !up.startsWith('..')) throw new Error(`refusing to empty ${abs}`);
}

export async function buildAddin(opts: BuildAddinOptions): Promise<BuildAddinResult> {
  const outDir = resolve(opts.outDir);
  safeToEmpty(outDir);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, 'assets'), { recursive: true });

  const entries = {
    taskpane: 'addin/taskpane/index.tsx',
    signin: 'addin/pages/signin.ts',
    'signin-callback': 'addin/pages/signinCallback.ts',
    commands: 'addin/pages/commands.ts',
    // Last year's report from a file: the importer, loaded by the pane only when a person picks a file.
    importer: 'addin/importer/entry.ts',
  };
  const result = await build({
    ...browserBuild(ROOT, outDir, opts.minify),
    entryPoints: entries,
    format: 'iife',
  });
  checkBundle(result.metafile, entries.taskpane);
  const script = (name: keyof typeof entries) => {
    const out = Object.entries(result.metafile.outputs).find(([, o]) => o.entryPoint === entries[name]);
    return basename(out![0]);
  };

  const config: AddinConfig = {
    apiBase: opts.apiBase ?? apiBaseFor(opts.baseUrl),
    signIn: opts.signIn ?? { mode: 'dev' },
    importer: script('importer'),
  };
  // The pages may connect to the API and to the sign-in service (its token endpoint), nowhere else of ours.
  const origins = {
    connect: [new URL(config.apiBase).origin, ...(config.signIn.mode === 'cognito' ? [config.signIn.domain] : [])],
  };
  const files: [string, string | Buffer][] = [
    [ADDIN_FILES.taskpane, taskpaneHtml(script('taskpane'), origins)],
    [ADDIN_FILES.commands, commandsHtml(script('commands'), origins)],
    [ADDIN_FILES.signIn, signInHtml(script('signin'), origins)],
    [ADDIN_FILES.signInCallback, signInCallbackHtml(script('signin-callback'), origins)],
    [ADDIN_FILES.help, helpHtml(origins)],
    [ADDIN_FILES.template, await templateBase64(opts.year ?? new Date().getFullYear() - 1)],
    ...ICON_SIZES.map((size): [string, Buffer] => [ADDIN_FILES.icon(size), iconPng(size)]),
  ];
  files.push([ADDIN_FILES.config, JSON.stringify(config, null, 2) + '\n']);
  const appDomains = config.signIn.mode === 'cognito' ? [config.signIn.domain] : [];
  files.push([
    'manifest.xml',
    manifestXml({
      ...opts.manifest,
      baseUrl: opts.baseUrl,
      appDomains: [...(opts.manifest?.appDomains ?? []), ...appDomains],
    }),
  ]);
  for (const [name, content] of files) writeFileSync(join(outDir, name), content);
  // The web pages (upload, review desk) live beside the add-in: same origin, same config.json.
  const web = await buildWeb({
    addinDir: outDir,
    origins,
    ...(opts.minify !== undefined ? { minify: opts.minify } : {}),
  });

  const paneFiles = Object.keys(result.metafile.outputs)
    .map((o) => basename(o))
    .filter((o) => o.startsWith('taskpane-') && (o.endsWith('.js') || o.endsWith('.css')));
  const raw = paneFiles.reduce((n, f) => n + statSync(join(outDir, f)).size, 0);
  const gzip = paneFiles.reduce((n, f) => n + gzipSync(readFileSync(join(outDir, f)), { level: 9 }).length, 0);
  return {
    outDir,
    files: [
      ...files.map(([n]) => n),
      ...Object.keys(result.metafile.outputs).map((o) => basename(o)),
      ...web.files,
    ].sort(),
    taskpaneScript: script('taskpane'),
    taskpaneBytes: { raw, gzip },
  };
}

/** `npm run build`: the add-in for the local stack into dist/addin/. */
async function main(): Promise<void> {
  const started = Date.now();
  const r = await buildAddin({
    outDir: join(ROOT, 'dist', 'addin'),
    baseUrl: process.env.ADDIN_BASE_URL ?? LOCAL_BASE_URL,
  });
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  process.stdout.write(
    `已构建加载项 / built the add-in: ${relative(ROOT, r.outDir)}/ (${r.files.length} files, ${Date.now() - started} ms)\n` +
      `任务窗格脚本 / task pane script: ${r.taskpaneScript} ${kb(r.taskpaneBytes.raw)}, gzip ${kb(r.taskpaneBytes.gzip)}\n`,
  );
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`build: ${(e as Error).stack ?? e}\n`);
    process.exitCode = 1;
  });
}
