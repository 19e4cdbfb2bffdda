/**
 * The local stack for the benchmarks, in a child process (bench/stackChild.ts runs startLocalStack, the function
 * behind `nianbao serve`), so that the load generator and the browser do not share its event loop; and a small
 * HTTPS client that trusts its development CA.
 */
import { fork } from 'node:child_process';
import { request } from 'node:https';
import { join } from 'node:path';
import type { CallsRequest, CallsResults } from './calls';
import { ROOT } from './fixtures';

export interface StackInfo {
  readonly url: string;
  readonly apiBase: string;
  readonly ca: string;
  /** The embedded dynalite of that stack. */
  readonly dynamoEndpoint: string;
  readonly tableName: string;
}

export interface BenchStack {
  readonly info: StackInfo;
  /** The server process's CPU time so far (all its threads), ms. */
  cpu(): Promise<number>;
  /** Has the stack's process time the three calls of a submission and a bare put (bench/calls.ts). */
  measureCalls(req: CallsRequest): Promise<CallsResults>;
  /** Asks the stack's process for one of its operations (bench/stackChild.ts ops) and waits for its answer. */
  ask<T>(op: string, arg?: unknown): Promise<T>;
  stop(): Promise<void>;
}

/** The stack's data folder (dynalite's files, the dev signing key) under the folder it was started with. */
export const stackDataDir = (dir: string): string => join(dir, 'data');

/** Starts the stack with its data and certificates under `dir`, serving the add-in from `addinDir`. */
export function startStack(dir: string, addinDir = join(dir, 'addin')): Promise<BenchStack> {
  const profile = process.env.BENCH_PROFILE_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
    : [];
  const child = fork(join(__dirname, 'stackChild.ts'), [dir, addinDir], {
    // --expose-gc: the scale bench reads the process's memory after a collection.
    execArgv: ['--import', 'tsx', '--expose-gc', ...profile],
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    const early = (code: number | null) => reject(new Error(`the stack exited (${code}) before it started`));
    child.once('exit', early);
    child.once('message', (info) => {
      child.off('exit', early);
      let asked = 0;
      const waiting = new Map<number, { done: (v: unknown) => void; fail: (e: Error) => void }>();
      child.on('message', (m: { id?: number; value?: unknown; error?: string }) => {
        const w = m.id === undefined ? undefined : waiting.get(m.id);
        if (!w) return;
        waiting.delete(m.id!);
        if (m.error !== undefined) w.fail(new Error(m.error));
        else w.done(m.value);
      });
      resolve({
        ask: <T>(op: string, arg?: unknown) =>
          new Promise<T>((done, fail) => {
            const id = ++asked;
            waiting.set(id, { done: done as (v: unknown) => void, fail });
            child.send({ id, op, arg });
          }),
        info: info as StackInfo,
        cpu: () =>
          new Promise<number>((done) => {
            child.once('message', (m: { cpu: NodeJS.CpuUsage }) => done((m.cpu.user + m.cpu.system) / 1000));
            child.send('cpu');
          }),
        measureCalls: (req) =>
          new Promise<CallsResults>((done, fail) => {
            child.once('message', (m: { calls?: CallsResults; error?: string }) =>
              m.calls ? done(m.calls) : fail(new Error(`measuring the calls: ${m.error}`)),
            );
            child.send({ calls: req });
          }),
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
            child.once('exit', () => {
              clearTimeout(timer);
              done();
            });
            child.send('stop');
          }),
      });
    });
  });
}

export function call(
  info: StackInfo,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: Buffer,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${info.apiBase}${path}`,
      { method, ca: info.ca, headers: { ...headers, ...(body ? { 'content-length': String(body.length) } : {}) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
