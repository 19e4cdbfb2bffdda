/**
 * `nianbao serve` (npm start) as a person meets it: a second start on the same data folder is refused at once,
 * naming the running one (pid, port) and the command to run another; a port taken by something else or a PORT that
 * is no port gets a message with a command that works; a killed stack's data folder starts again. No stack trace.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './run';

jest.setTimeout(120_000);

const dir = mkdtempSync(join(tmpdir(), 'nianbao-serve-'));
const env = {
  ...process.env,
  DATA_DIR: join(dir, 'data'),
  CERT_DIR: join(dir, 'certs'),
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  PORT: '',
  npm_lifecycle_event: '',
};
const BIN = join(ROOT, 'bin', 'nianbao.cjs');
const children: ChildProcess[] = [];

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** Starts a stack on a free port; resolves with its port once the banner is out. */
async function serve(extraEnv: Record<string, string> = {}): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--no-build', '--quiet', '--port', '0'], {
    cwd: ROOT,
    env: { ...env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    const m = /https:\/\/localhost:(\d+)\/api/.exec(out);
    if (m && out.includes('Ctrl+C')) return { child, port: Number(m[1]) };
    if (child.exitCode !== null) throw new Error(`serve exited ${child.exitCode}: ${out}`);
    if (Date.now() > deadline) throw new Error(`serve did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function serveOnce(args: string[], extraEnv: Record<string, string> = {}) {
  const started = Date.now();
  const r = spawnSync(process.execPath, [BIN, 'serve', '--no-build', '--quiet', ...args], {
    cwd: ROOT,
    env: { ...env, ...extraEnv },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr, ms: Date.now() - started };
}

const STACK_TRACE = /^\s+at .+\(.+:\d+:\d+\)$|^\s+at .+:\d+:\d+$/m;

test('a second start on the same data is refused at once, naming the running stack; a killed one starts again', async () => {
  const first = await serve();
  const second = serveOnce(['--port', '0']);
  expect(second.code).toBe(2);
  expect(second.ms).toBeLessThan(15_000); // at once: it does not wait for the database or the build
  expect(second.err).toContain(`进程 ${first.child.pid}`);
  expect(second.err).toContain(`https://localhost:${first.port}`);
  expect(second.err).toContain(`process ${first.child.pid}`);
  expect(second.err).toMatch(/DATA_DIR=\S+-2 npx nianbao serve --port \d+/);
  expect(second.err).not.toMatch(STACK_TRACE);

  // The port of the first, with another data folder: the port is named, and a free one suggested.
  const taken = serveOnce(['--port', String(first.port)], { DATA_DIR: join(dir, 'other') });
  expect(taken.code).toBe(2);
  expect(taken.err).toContain(`端口 ${first.port} 已被其他程序占用`);
  expect(taken.err).toMatch(/npx nianbao serve --port \d+/);
  expect(taken.err).not.toMatch(STACK_TRACE);

  // Killed without a chance to clean up: its lock is stale and does not block.
  first.child.kill('SIGKILL');
  await new Promise((r) => first.child.once('exit', r));
  const again = await serve();
  again.child.kill('SIGTERM');
  expect(await new Promise((r) => again.child.once('exit', r))).toBe(0);
});

test.each([
  [['--port', 'http'], {}, '--port 应为 1 到 65535 之间的端口号（收到 http）'],
  [[], { PORT: '3000x' }, 'PORT 应为 1 到 65535 之间的端口号（收到 3000x）'],
  [['extra'], {}, '多余的参数：extra'],
])('serve %j %j is refused: %s', (args, extraEnv, message) => {
  const r = serveOnce(args, extraEnv);
  expect(r.code).toBe(2);
  expect(r.err).toContain(message);
  expect(r.err).not.toMatch(STACK_TRACE);
});
