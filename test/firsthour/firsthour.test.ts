/**
 * The first hour of a newcomer, scripted: a fresh clone of this repository in a temp folder, `npm install`, then
 * `PORT=<free port> npm start`; every next step the banner prints is run verbatim in bash (each command's exit code
 * as its note says), every address it prints answers; a second `npm start` on the same data is refused at once
 * naming the first, and the command it suggests instead starts a second stack. Slow (npm install): runs in CI
 * (.ci/run) and with FIRST_HOUR=1; skipped otherwise.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { publishedPaths } from '../../contract/published';
import { freePort } from '../reliability/helpers';
import { forget, https, type Target } from '../../harness/https';

jest.setTimeout(600_000);

const ROOT = resolve(__dirname, '../..');
const run = process.env.FIRST_HOUR === '1' ? describe : describe.skip;

/** The environment of a person's fresh terminal: none of this test's npm, jest or stack settings. */
function personEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(npm_|INIT_CWD$|DATA_DIR$|CERT_DIR$|PORT$|NIANBAO_|JEST_|NODE_ENV$)/.test(k)) continue;
    env[k] = v;
  }
  return { ...env, NO_COLOR: '1', ...extra };
}

interface Started {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the output once the banner is complete; rejects if the process exits first. */
  ready: Promise<string>;
  exited: Promise<number | null>;
}

/** Runs a shell command line in the clone as a person would type it, output collected. */
function startShell(dir: string, line: string, env: NodeJS.ProcessEnv): Started {
  const child = spawn('bash', ['-c', line], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const ready = new Promise<string>((resolvePromise, reject) => {
    const timer = setInterval(() => {
      if (/Ctrl\+C/.test(out)) {
        clearInterval(timer);
        resolvePromise(out);
      }
    }, 100);
    void exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`exited (${code}) before it was ready:\n${out}`));
    });
  });
  ready.catch(() => undefined);
  return { child, output: () => out, ready, exited };
}

/** Stops a started stack the way a person does (Ctrl+C reaches the whole process group). */
async function stop(s: Started): Promise<number | null> {
  if (s.child.exitCode === null && s.child.signalCode === null) process.kill(-s.child.pid!, 'SIGINT');
  return s.exited;
}

/** The banner's next steps: each command with the exit code its note announces (0 when it says none). */
function nextSteps(banner: string): { command: string; exit: number }[] {
  const lines = banner.slice(banner.indexOf('下一步')).split('\n').slice(1);
  const steps: { command: string; exit: number }[] = [];
  for (const raw of lines) {
    if (/Ctrl\+C/.test(raw)) break;
    // Two spaces, the label column (a number and a word, or blank), then the text.
    const text = raw.replace(/^ {2}(\d\. \S+)?\s*/, '');
    if (/^(T=\$\(|npx |DATA_DIR=|CERT_DIR=)/.test(text)) steps.push({ command: text, exit: 0 });
    const exit = /退出码 (\d)/.exec(text);
    if (exit && steps.length && /^（/.test(text)) steps.at(-1)!.exit = Number(exit[1]);
  }
  return steps;
}

/**
 * Where to clone: in memory where the machine has a tmpfs with room (npm install writes ~90,000 files; removing them
 * from a busy disk took over three minutes, from memory three seconds), else the temp folder.
 */
function workRoot(): string {
  try {
    const fs = statfsSync('/dev/shm');
    if (fs.bavail * fs.bsize > 4e9) return '/dev/shm';
  } catch {
    // no tmpfs here
  }
  return tmpdir();
}

run('the first hour on a fresh clone', () => {
  const home = mkdtempSync(join(workRoot(), 'nianbao-firsthour-'));
  const dir = join(home, 'nianbao');
  const timings: Record<string, number> = {};
  const started: Started[] = [];
  let port = 0;
  let target: Target | undefined;

  afterAll(async () => {
    if (target) forget(target);
    for (const s of started) await stop(s).catch(() => undefined);
    await timed('cleanup', () => rmSync(home, { recursive: true, force: true }));
    process.stderr.write(`first hour, ms: ${JSON.stringify(timings)}\n`);
  });

  const timed = async <T>(name: string, fn: () => T | Promise<T>): Promise<T> => {
    const t0 = Date.now();
    try {
      return await fn();
    } finally {
      timings[name] = Date.now() - t0;
    }
  };

  it('clones and installs', async () => {
    await timed('clone', () => execFileSync('git', ['clone', '--quiet', ROOT, dir], { env: personEnv() }));
    await timed('npm install', () => {
      // As the README says (the flags only keep npm quiet and use its cache, warm after CI's own npm ci).
      const r = spawnSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], {
        cwd: dir,
        env: personEnv(),
        encoding: 'utf8',
        timeout: 400_000,
      });
      if (r.status !== 0) throw new Error(`npm install failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
    });
  });

  it('PORT=<free port> npm start prints next steps that run as printed', async () => {
    port = await freePort();
    const first = startShell(dir, `PORT=${port} npm start`, personEnv());
    started.push(first);
    const banner = await timed('npm start', () => first.ready);
    expect(banner).toContain(`https://localhost:${port}/api`);
    target = { url: `https://localhost:${port}`, ca: readFileSync(join(dir, '.certs', 'ca.crt')) };

    const steps = nextSteps(banner);
    expect(steps.map((s) => s.command.split(' ').slice(0, 3).join(' '))).toEqual([
      'T=$(npx nianbao dev-token',
      'npx nianbao submit',
      'npx nianbao submit',
    ]);
    expect(steps.map((s) => s.exit)).toEqual([0, 1, 0]);
    // One shell, as a person types them one after the other (T is set by the first).
    const script = steps.map((s, i) => `${s.command}\necho "@@step ${i} exit $?"`).join('\n');
    const r = await timed('next steps', () =>
      spawnSync('bash', ['-c', script], { cwd: dir, env: personEnv(), encoding: 'utf8', timeout: 120_000 }),
    );
    const exits = [...r.stdout.matchAll(/@@step (\d+) exit (\d+)/g)].map((m) => Number(m[2]));
    if (JSON.stringify(exits) !== JSON.stringify(steps.map((s) => s.exit)))
      throw new Error(`steps exited ${exits}:\n${r.stdout}\n${r.stderr}`);
    // The accepted submission names its public page on this stack's port, and that page answers.
    const page = publishedPaths.report('yiyang-hrss', 2021);
    expect(r.stdout).toContain(`公开页面：https://localhost:${port}${page}`);
    expect((await https(target, 'GET', page)).status).toBe(200);
    expect(r.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);

    // Every address the banner names answers (the pages after the submission above), but the API's base itself.
    const urls = [...banner.matchAll(/(POST )?(https:\/\/localhost:\d+[^\s（）()]*)/g)].filter(
      ([, , url]) => !url!.endsWith('/api'),
    );
    expect(urls.length).toBeGreaterThanOrEqual(8);
    for (const [, post, url] of urls) {
      const path = url!.slice(target.url.length) || '/';
      const answer = post
        ? await https(target, 'POST', path, {
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ agency: 'yiyang-hrss' }),
          })
        : await https(target, 'GET', path);
      expect(`${post ?? 'GET '}${url} ${answer.status}`).toBe(`${post ?? 'GET '}${url} 200`);
    }
  });

  it('a second npm start on the same data is refused at once; the command it suggests runs a second stack', async () => {
    const other = await freePort();
    const second = startShell(dir, `PORT=${other} npm start`, personEnv());
    const code = await timed('refused', () => second.exited);
    const text = second.output();
    expect(code).toBe(2);
    expect(timings.refused).toBeLessThan(20_000);
    const holder = JSON.parse(readFileSync(join(dir, '.data', 'stack.lock'), 'utf8')) as { pid: number };
    expect(text).toContain(`进程 ${holder.pid}，`);
    expect(text).toContain(`：https://localhost:${port}\n`);
    expect(text).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    const suggested = /：(DATA_DIR=\S+ PORT=\d+ npm start)\s*$/m.exec(text)?.[1];
    expect(suggested).toMatch(/^DATA_DIR=\.data-2 PORT=\d+ npm start$/);

    const third = startShell(dir, suggested!, personEnv());
    started.push(third);
    const banner = await timed('other data folder', () => third.ready);
    expect(banner).toMatch(/数据\s+\.data-2/);
    // Ctrl+C: the stack stops cleanly and leaves its folder free (npm itself ends by the same signal).
    expect([0, null]).toContain(await stop(third));
    expect(third.output()).toContain('正在停止…');
    expect(existsSync(join(dir, '.data-2', 'stack.lock'))).toBe(false);
  });
});
