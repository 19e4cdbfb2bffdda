/** nianbao serve (npm start): the local stack — add-in, API, published pages, dynalite — on https://localhost:3000. */
import { localPaths, localPort } from '../../dev/paths';
import { EXIT, UsageError } from '../io';
import { parseRate } from '../../contract/limits';
import { runCommand } from '../run';
import { banner } from '../serveBanner';
import { startFailure } from '../serveErrors';

const HELP = `用法 / usage: nianbao serve [--port N] [--no-build] [--quiet]

  在本机启动完整服务：加载项文件、接口（/api）、公开页面和数据库（dynalite，数据保存在 .data/）。
  Runs the local stack: the add-in's files, the API (/api), the published pages and the database (dynalite,
  kept in .data/). Environment: PORT (default 3000), DATA_DIR (default .data/), CERT_DIR (default .certs/).

  --port N     端口 / port
  --no-build   不重新构建加载项 / do not rebuild the add-in (serve dist/addin as it is)
  --quiet      不逐条输出请求 / no line per request`;

/** --port, else PORT, else 3000; a value that is not a port is refused (not silently replaced by 3000). */
function portOf(flag: string | boolean | undefined): number {
  const [text, name] = flag !== undefined ? [String(flag), '--port'] : [process.env.PORT, 'PORT'];
  if (text === undefined || text === '') return localPort();
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  const min = name === '--port' ? 0 : 1; // --port 0: any free port (tests)
  if (!(port >= min && port <= 65535))
    throw new UsageError({
      zh: `${name} 应为 1 到 65535 之间的端口号（收到 ${text}），例如 ${name === 'PORT' ? 'PORT=3001 npm start' : '--port 3001'}`,
      en: `${name} must be a port number from 1 to 65535 (got ${text}), e.g. ${name === 'PORT' ? 'PORT=3001 npm start' : '--port 3001'}`,
    });
  return port;
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
      const port = portOf(values.port);
      // Before the SDK loads: no Node-version notice.
      process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
      const { startLocalStack } = await import('../../dev/server');
      // The same variable a deployed function reads (functions/env.ts): tests lower the limit to meet it.
      const rate = process.env.SUBMISSION_RATE ? parseRate(process.env.SUBMISSION_RATE) : undefined;
      const paths = localPaths();
      const started = Date.now();
      let stack;
      try {
        stack = await startLocalStack({
          port,
          ...paths,
          buildAddin: !values['no-build'],
          ...(rate ? { submissionRate: rate } : {}),
          log: values.quiet
            ? undefined
            : (line) => process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`),
        });
      } catch (e) {
        throw (await startFailure(e, { port, portFlag: values.port !== undefined, ...paths })) ?? e;
      }
      // Listening for Ctrl+C (and SIGTERM) before the banner says so: whoever reads the banner may stop us at once.
      const stopped = new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      process.stdout.write(
        banner(lang, {
          url: stack.url,
          apiBase: stack.apiBase,
          addinBuilt: stack.addinBuilt,
          dataDir: paths.dataDir,
          caPath: stack.certs.caPath,
          generated: stack.certs.generated,
          customDataDir: Boolean(process.env.DATA_DIR),
          customCertDir: Boolean(process.env.CERT_DIR),
        }) + `\n(${Date.now() - started} ms)\n\n`,
      );
      await stopped;
      process.stdout.write(lang === 'zh' ? '\n正在停止…\n' : '\nStopping…\n');
      await stack.close();
      return EXIT.ok;
    },
  );
}
