/**
 * The ways `npm start` can fail that a person can do something about, each as a message naming what is wrong and
 * the command to run instead (no stack trace): the data folder in use by another stack, the port taken or not
 * allowed, a folder that cannot be written, a database that cannot be opened.
 */
import { createServer } from 'node:net';
import { sep } from 'node:path';
import { DatabaseOpenError } from '../dev/dynamo';
import { StackLockedError } from '../dev/lock';
import { UsageError } from './io';
import { pathFromHere, startCommand } from './shell';

interface StartContext {
  readonly port: number;
  /** The port came from --port (so the suggestion changes --port, not PORT). */
  readonly portFlag: boolean;
  readonly dataDir: string;
  readonly certDir: string;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A free port a little above `port` (else one the system picks). */
export async function freePortNear(port: number): Promise<number> {
  const from = port >= 1024 && port < 65000 ? port + 1 : 3001;
  for (let p = from; p < from + 50; p++) if (await portIsFree(p)) return p;
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port: p } = server.address() as { port: number };
      server.close(() => resolve(p));
    });
  });
}

const inside = (path: string | undefined, dir: string) => !!path && (path === dir || path.startsWith(dir + sep));

/** The message for an expected failure to start, or undefined for one nobody expected (shown as it is). */
export async function startFailure(e: unknown, ctx: StartContext): Promise<UsageError | undefined> {
  const dataHere = pathFromHere(ctx.dataDir);
  const keepData = process.env.DATA_DIR ? { dataDir: dataHere } : {};
  if (e instanceof StackLockedError) {
    const h = e.holder;
    const where = h.url ?? `https://localhost:${h.port ?? '?'}`;
    const other = startCommand({
      dataDir: `${dataHere}-2`,
      port: await freePortNear(h.port ?? ctx.port),
      portFlag: ctx.portFlag,
    });
    const since = (locale: string) => new Date(h.startedAt).toLocaleString(locale, { hour12: false });
    return new UsageError({
      zh: [
        `数据目录 ${dataHere} 已有一个本地服务在运行（进程 ${h.pid}，${since('zh-CN')} 起）：${h.url ? where : '正在启动'}`,
        `请直接使用它；要停止它，在它的终端按 Ctrl+C 或运行 kill ${h.pid}。`,
        `要同时再运行一个，请用另一个数据目录和端口：${other}`,
      ].join('\n'),
      en: [
        `The data folder ${dataHere} is in use by a running local stack (process ${h.pid}, since ${since('en-GB')}): ${h.url ? where : 'starting'}`,
        `Use that one; to stop it press Ctrl+C in its terminal or run kill ${h.pid}.`,
        `To run another beside it, use another data folder and port: ${other}`,
      ].join('\n'),
    });
  }
  if (e instanceof DatabaseOpenError) {
    const other = startCommand({ dataDir: `${dataHere}-2`, port: ctx.port, portFlag: ctx.portFlag });
    return new UsageError({
      zh: `无法打开数据目录 ${dataHere} 中的数据库（${e.reason}）。若另有程序正在使用该目录，请先停止它；或换一个数据目录：${other}`,
      en: `Cannot open the database in ${dataHere} (${e.reason}). If another program uses that folder, stop it first; or use another folder: ${other}`,
    });
  }
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'EADDRINUSE') {
    const other = startCommand({ ...keepData, port: await freePortNear(ctx.port), portFlag: ctx.portFlag });
    return new UsageError({
      zh: `端口 ${ctx.port} 已被其他程序占用。换一个空闲端口：${other}`,
      en: `Port ${ctx.port} is used by another program. Use a free one: ${other}`,
    });
  }
  if (err.code === 'EACCES' && err.syscall === 'listen') {
    const other = startCommand({ ...keepData, port: await freePortNear(3000), portFlag: ctx.portFlag });
    return new UsageError({
      zh: `没有权限使用端口 ${ctx.port}（1024 以下的端口需要管理员权限）。换一个端口：${other}`,
      en: `Not allowed to use port ${ctx.port} (ports below 1024 need administrator rights). Use another: ${other}`,
    });
  }
  if (err.code && ['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EEXIST', 'ENOSPC'].includes(err.code)) {
    const cert = inside(err.path, ctx.certDir);
    if (!cert && !inside(err.path, ctx.dataDir)) return undefined;
    const [name, variable, dir] = cert ? ['证书目录', 'CERT_DIR', ctx.certDir] : ['数据目录', 'DATA_DIR', ctx.dataDir];
    const other = `${variable}=$HOME/nianbao-${cert ? 'certs' : 'data'} ${startCommand({ port: ctx.port, portFlag: ctx.portFlag })}`;
    return new UsageError({
      zh: `无法写入${name} ${pathFromHere(dir)}（${err.code}：${err.path}）。请换一个可写的目录：${other}`,
      en: `Cannot write the ${cert ? 'certificate' : 'data'} folder ${pathFromHere(dir)} (${err.code}: ${err.path}). Use a writable one: ${other}`,
    });
  }
  return undefined;
}
