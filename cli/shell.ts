/**
 * Commands the CLI prints for a person to run next: quoted for a POSIX shell, with paths relative to the folder the
 * person typed in (npm runs scripts in the project root; INIT_CWD is where `npm start` was typed), so that each one
 * runs as printed.
 */
import { isAbsolute, relative } from 'node:path';

/** One argument as a shell reads it back: bare when that is safe, else in single quotes. */
export function shellArg(arg: string): string {
  if (/^[\p{L}\p{N}_@%+=:,./-]+$/u.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function shellLine(args: readonly string[]): string {
  return args.map(shellArg).join(' ');
}

/** The folder the person typed the command in. */
export function typedIn(env: NodeJS.ProcessEnv = process.env): string {
  return env.INIT_CWD || process.cwd();
}

/** A path as the person can type it where they are: relative when inside that folder, else absolute. */
export function pathFromHere(path: string, env: NodeJS.ProcessEnv = process.env): string {
  const rel = relative(typedIn(env), path);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

/** How to start the stack again the way the person did (`npm start` or `nianbao serve`), with other settings. */
export function startCommand(
  opts: { port?: number; dataDir?: string; portFlag?: boolean },
  env: NodeJS.ProcessEnv = process.env,
): string {
  const vars = [
    ...(opts.dataDir !== undefined ? [`DATA_DIR=${shellArg(opts.dataDir)}`] : []),
    ...(opts.port !== undefined && !opts.portFlag ? [`PORT=${opts.port}`] : []),
  ];
  const viaNpm = env.npm_lifecycle_event === 'start';
  const flag = opts.port !== undefined && opts.portFlag ? ['--port', String(opts.port)] : [];
  const command = viaNpm ? ['npm start', ...(flag.length ? ['--', ...flag] : [])] : ['npx nianbao serve', ...flag];
  return [...vars, ...command].join(' ');
}
