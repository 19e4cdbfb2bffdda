/** nianbao serve (npm start): the local stack — add-in, API, published pages, dynalite — on https://localhost:3000. */
import { join, relative } from 'node:path';
import { localPaths, localPort, PROJECT_ROOT } from '../../dev/paths';
import { EXIT, type Lang, UsageError } from '../io';
import { runCommand } from '../run';

const HELP = `用法 / usage: nianbao serve [--port N] [--no-build] [--quiet]

  在本机启动完整服务：加载项文件、接口（/api）、公开页面和数据库（dynalite，数据保存在 .data/）。
  Runs the local stack: the add-in's files, the API (/api), the published pages and the database (dynalite,
  kept in .data/). Environment: PORT (default 3000), DATA_DIR (default .data/), CERT_DIR (default .certs/).

  --port N     端口 / port
  --no-build   不重新构建加载项 / do not rebuild the add-in (serve dist/addin as it is)
  --quiet      不逐条输出请求 / no line per request`;

/** Display width: CJK characters take two columns. */
const width = (s: string) => [...s].reduce((n, c) => n + (/[\u1100-\uffff]/.test(c) ? 2 : 1), 0);
const pad = (s: string, w: number) => s + ' '.repeat(Math.max(1, w - width(s)));

function banner(
  lang: Lang,
  s: { url: string; apiBase: string; addinBuilt: boolean; dataDir: string; caPath: string; generated: boolean },
): string {
  const year = new Date().getFullYear() - 1;
  const rel = (p: string) => relative(process.cwd(), p) || '.';
  const example = rel(join(PROJECT_ROOT, 'test', 'fixtures', 'examples', 'yiyang-hrss-2021.txt'));
  const consistent = rel(join(PROJECT_ROOT, 'test', 'fixtures', 'central', 'yiyang-hrss-2021-consistent.txt'));
  const zh = lang === 'zh';
  const rows: [string, string][] = [
    [
      zh ? '加载项' : 'Add-in',
      s.addinBuilt
        ? `${s.url}/taskpane.html   (manifest: ${s.url}/manifest.xml)`
        : zh
          ? '未构建（--no-build 且 dist/addin 为空）'
          : 'not built (--no-build and dist/addin empty)',
    ],
    [zh ? '接口' : 'API', s.apiBase],
    [
      zh ? '公开页面' : 'Published',
      `${s.apiBase}/published/${year}   ${zh ? '开放数据' : 'open data'}: ${s.apiBase}/open-data/${year}`,
    ],
    [
      zh ? '数据' : 'Data',
      `${s.dataDir}  ${zh ? '（重启后保留；删除即清空）' : '(kept across restarts; delete to reset)'}`,
    ],
    [zh ? '证书' : 'Certificate', `${s.caPath}${s.generated ? (zh ? '（新生成）' : ' (new)') : ''}`],
  ];
  const steps: [string, string[]][] = [
    [
      zh ? '1. 获取令牌' : '1. Token',
      [`T=$(npx nianbao dev-token --agency yiyang-hrss --name 益阳市人力资源和社会保障局)`],
    ],
    [
      zh ? '2. 报送' : '2. Submit',
      [
        `npx nianbao submit ${example} --year 2021 --token "$T"`,
        zh
          ? `（示例有错误，会被拒；一致的版本：${consistent}）`
          : `(the example has errors and is refused; a consistent one: ${consistent})`,
      ],
    ],
    [
      zh ? '3. 旁加载' : '3. Sideload',
      [
        zh
          ? `Excel 网页版：插入 → 加载项 → 上传我的加载项 → ${s.url}/manifest.xml（先下载）`
          : `Excel on the web: Insert → Add-ins → Upload My Add-in → ${s.url}/manifest.xml (download it first)`,
        zh
          ? `Excel 桌面版需先信任本地证书 ${s.caPath}（请自行导入；本工具不改动系统证书库）`
          : `Excel desktop needs ${s.caPath} trusted first (import it yourself; this tool never changes the system store)`,
        zh
          ? `任务窗格的“开发登录”输入机关标识即可获得令牌（POST ${s.apiBase}/dev/token）`
          : `The pane's dev sign-in takes an agency id and gets a token (POST ${s.apiBase}/dev/token)`,
      ],
    ],
  ];
  const w1 = Math.max(...rows.map(([k]) => width(k))) + 3;
  const w2 = Math.max(...steps.map(([k]) => width(k))) + 3;
  return [
    zh ? '年报通 本地服务已启动 / local stack running' : 'Nianbao local stack running',
    '',
    ...rows.map(([k, v]) => `  ${pad(k, w1)}${v}`),
    '',
    zh ? '下一步 / next:' : 'Next:',
    ...steps.flatMap(([k, lines]) => lines.map((l, i) => `  ${pad(i === 0 ? k : '', w2)}${l}`)),
    '',
    zh ? '按 Ctrl+C 停止。' : 'Press Ctrl+C to stop.',
  ].join('\n');
}

export async function run(argv: string[]): Promise<number> {
  return runCommand(
    argv,
    HELP,
    {
      port: { type: 'string' },
      'no-build': { type: 'boolean' },
      quiet: { type: 'boolean' },
    },
    async ({ values, positionals, lang }) => {
      if (positionals.length > 0)
        throw new UsageError({
          zh: `多余的参数：${positionals.join(' ')}`,
          en: `Unexpected arguments: ${positionals.join(' ')}`,
        });
      const port = values.port !== undefined ? Number(values.port) : localPort();
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new UsageError({ zh: '--port 应为端口号', en: '--port must be a port number' });
      // Before the SDK loads: no Node-version notice.
      process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
      const { startLocalStack } = await import('../../dev/server');
      const paths = localPaths();
      const started = Date.now();
      let stack;
      try {
        stack = await startLocalStack({
          port,
          ...paths,
          buildAddin: !values['no-build'],
          log: values.quiet
            ? undefined
            : (line) => process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`),
        });
      } catch (e) {
        const err = e as NodeJS.ErrnoException;
        if (err.code === 'EADDRINUSE')
          throw new UsageError({
            zh: `端口 ${port} 已被占用（可用 PORT=… 换一个）`,
            en: `Port ${port} is in use (choose another with PORT=…)`,
          });
        throw e;
      }
      process.stdout.write(
        banner(lang, {
          url: stack.url,
          apiBase: stack.apiBase,
          addinBuilt: stack.addinBuilt,
          dataDir: paths.dataDir,
          caPath: stack.certs.caPath,
          generated: stack.certs.generated,
        }) + `\n(${Date.now() - started} ms)\n\n`,
      );
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      process.stdout.write(lang === 'zh' ? '\n正在停止…\n' : '\nStopping…\n');
      await stack.close();
      return EXIT.ok;
    },
  );
}
