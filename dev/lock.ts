/**
 * One local stack per data folder. dynalite's LevelDB allows one process per folder and a second one fails deep
 * inside it ("Database is closed"); instead the stack takes a lock file first, naming itself (pid, port), so a
 * second start is refused at once with a message saying which one runs. A lock whose process is gone (killed, the
 * machine restarted) is taken over: the process is checked by pid and, where /proc exists, by its start time, so a
 * pid reused by another program does not keep the folder locked either.
 */
import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE = 'stack.lock';

export interface StackHolder {
  readonly pid: number;
  /** null while the holder is still starting (before it listens). */
  readonly port: number | null;
  readonly url: string | null;
  readonly startedAt: string;
  /** The process's start time in clock ticks since boot (/proc/<pid>/stat field 22), where known. */
  readonly procStart?: string;
}

export class StackLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: StackHolder,
  ) {
    super(`${dataDir} is in use by the local stack of process ${holder.pid}`);
  }
}

export interface StackLock {
  /** Records the port and URL once the stack listens (read by `nianbao submit` to find the API). */
  listening(port: number, url: string): void;
  release(): void;
}

function procStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may itself hold spaces or parentheses.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function alive(holder: StackHolder): boolean {
  try {
    process.kill(holder.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const now = procStart(holder.pid);
  return !(holder.procStart && now && now !== holder.procStart);
}

function read(file: string): StackHolder | undefined {
  try {
    const h = JSON.parse(readFileSync(file, 'utf8')) as StackHolder;
    return Number.isInteger(h.pid) && h.pid > 0 ? h : undefined;
  } catch {
    return undefined;
  }
}

/** The stack running on this data folder, if one is (a dead holder's lock counts as none). */
export function runningStack(dataDir: string): StackHolder | undefined {
  const holder = read(join(dataDir, LOCK_FILE));
  return holder && alive(holder) ? holder : undefined;
}

/** Writes whole, then moves into place: a reader never sees half a lock. */
function writeWhole(file: string, holder: StackHolder, place: (tmp: string) => void): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(holder) + '\n');
  try {
    place(tmp);
  } finally {
    try {
      unlinkSync(tmp);
    } catch {
      // renamed away, or never written
    }
  }
}

/** Takes the data folder for this process, or throws StackLockedError naming the live holder. */
export function acquireStackLock(dataDir: string): StackLock {
  const file = join(dataDir, LOCK_FILE);
  let mine: StackHolder = {
    pid: process.pid,
    port: null,
    url: null,
    startedAt: new Date().toISOString(),
    ...(procStart(process.pid) ? { procStart: procStart(process.pid) } : {}),
  };
  for (let attempt = 0; ; attempt++) {
    try {
      writeWhole(file, mine, (tmp) => linkSync(tmp, file)); // link fails if the lock exists: atomic
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 2) throw e;
    }
    const holder = read(file);
    if (holder && alive(holder)) throw new StackLockedError(dataDir, holder);
    try {
      unlinkSync(file); // a dead process's lock (or an unreadable one)
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  let released = false;
  const onExit = () => release();
  function release() {
    if (released) return;
    released = true;
    process.off('exit', onExit);
    if (read(file)?.pid !== process.pid) return; // taken over meanwhile: not ours to remove
    try {
      unlinkSync(file);
    } catch {
      // already gone
    }
  }
  process.on('exit', onExit);
  return {
    listening(port, url) {
      mine = { ...mine, port, url };
      writeWhole(file, mine, (tmp) => renameSync(tmp, file));
    },
    release,
  };
}
