/**
 * The CLI's Idempotency-Key: by default derived from the agency, the year and the file's bytes, so running the same
 * command on the same file twice is one submission (the second run is answered with the version the first stored);
 * --new-version asks for a new one. When a run ends without an answer, the command to send the same request again
 * is printed, with its key.
 */
import { createHash, randomUUID } from 'node:crypto';
import { CLAIMS } from '../contract/auth';

/** The agency a token names (custom:agency), read without verifying it: only to name the key, the server decides. */
export function tokenAgency(token: string): string | undefined {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as unknown;
    const agency = (payload as Record<string, unknown> | null)?.[CLAIMS.agency];
    return typeof agency === 'string' ? agency : undefined;
  } catch {
    return undefined;
  }
}

/** `cli-` and 40 hex digits of SHA-256 over the agency, the year given and the file's bytes. */
export function derivedKey(agency: string | undefined, year: number | undefined, bytes: Uint8Array): string {
  const file = createHash('sha256').update(bytes).digest('hex');
  const hash = createHash('sha256').update(JSON.stringify(['nianbao-submit', agency ?? '', year ?? null, file]));
  return `cli-${hash.digest('hex').slice(0, 40)}`;
}

export function submissionKey(opts: {
  readonly given?: string;
  readonly newVersion: boolean;
  readonly agency?: string;
  readonly year?: number;
  readonly bytes: Uint8Array;
}): string {
  if (opts.given) return opts.given;
  if (opts.newVersion) return `cli-${randomUUID()}`;
  return derivedKey(opts.agency, opts.year, opts.bytes);
}

const SAFE = /^[\w@%+=:,./-]+$/;
/** A word for a POSIX shell: as it is when safe, else in single quotes. */
const quote = (s: string) => (SAFE.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/**
 * The command that sends the same request again: the arguments of this run with the key stated (--new-version and
 * any earlier --idempotency-key replaced); a token given on the command line is not repeated (it is a secret),
 * `--token …` stands in its place.
 */
export function retryCommand(argv: readonly string[], key: string): string {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--new-version' || a.startsWith('--idempotency-key=')) continue;
    if (a === '--idempotency-key') {
      i++;
      continue;
    }
    if (a === '--token' || a.startsWith('--token=')) {
      if (a === '--token') i++;
      out.push('--token', '…');
      continue;
    }
    out.push(quote(a));
  }
  return ['nianbao', 'submit', ...out, '--idempotency-key', quote(key)].join(' ');
}
