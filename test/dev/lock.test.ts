/**
 * One local stack per data folder (dev/lock.ts): the lock names its holder; a second taker is refused while the
 * holder lives; a dead holder's lock, a pid now used by another program, and a damaged lock file are taken over;
 * release removes only one's own lock.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireStackLock, LOCK_FILE, runningStack, StackLockedError } from '../../dev/lock';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'nianbao-lock-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const lockFile = () => join(dir, LOCK_FILE);
const holderOnDisk = () => JSON.parse(readFileSync(lockFile(), 'utf8')) as Record<string, unknown>;

/** The pid of a process that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

test('the holder is named (pid, then port and URL once listening); a second taker is refused', () => {
  const lock = acquireStackLock(dir);
  expect(holderOnDisk()).toMatchObject({ pid: process.pid, port: null });
  lock.listening(3117, 'https://localhost:3117');
  expect(runningStack(dir)).toMatchObject({ pid: process.pid, port: 3117, url: 'https://localhost:3117' });
  let refused: unknown;
  try {
    acquireStackLock(dir);
  } catch (e) {
    refused = e;
  }
  expect(refused).toBeInstanceOf(StackLockedError);
  expect((refused as StackLockedError).holder).toMatchObject({ pid: process.pid, port: 3117 });
  lock.release();
  expect(existsSync(lockFile())).toBe(false);
  expect(runningStack(dir)).toBeUndefined();
  acquireStackLock(dir).release(); // free again
});

test('a lock left by a killed process is taken over at once', () => {
  const pid = deadPid();
  writeFileSync(lockFile(), JSON.stringify({ pid, port: 3000, url: 'https://localhost:3000', startedAt: 'x' }));
  expect(runningStack(dir)).toBeUndefined();
  const lock = acquireStackLock(dir);
  expect(holderOnDisk()).toMatchObject({ pid: process.pid });
  lock.release();
});

test('a damaged lock file does not block', () => {
  writeFileSync(lockFile(), '{"pid": 12');
  const lock = acquireStackLock(dir);
  expect(holderOnDisk()).toMatchObject({ pid: process.pid });
  lock.release();
});

const hasProc = existsSync(`/proc/${process.pid}/stat`);
(hasProc ? test : test.skip)('a pid reused by another program (other start time) does not block', () => {
  // Our own pid, but a start time that is not ours: the process that wrote this lock is gone.
  writeFileSync(
    lockFile(),
    JSON.stringify({ pid: process.pid, port: 3000, url: null, startedAt: 'x', procStart: '1' }),
  );
  const lock = acquireStackLock(dir);
  expect(holderOnDisk()).toMatchObject({ pid: process.pid, procStart: expect.not.stringMatching(/^1$/) });
  lock.release();
});

test('release leaves a lock that is no longer its own', () => {
  const lock = acquireStackLock(dir);
  const other = { pid: deadPid(), port: 1, url: null, startedAt: 'x' };
  writeFileSync(lockFile(), JSON.stringify(other));
  lock.release();
  expect(holderOnDisk()).toMatchObject({ pid: other.pid });
});
