/**
 * The local stack for the hostile-input tests, in this process: the HTTPS server `nianbao serve` runs, on a free
 * port with a temporary data folder, and the same adapter called directly for the bulk of the cases (an HTTP round
 * trip per case would be too slow for thousands). Both reach the same handlers and the same dynalite.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dispatch } from '../../dev/adapter';
import { devKey, verifyDevToken, type DevKey } from '../../dev/devAuth';
import { startLocalStack, type LocalStack } from '../../dev/server';
import { forget, https, type HttpAnswer, type Target } from './helpers';
import { jsonOf } from '../../harness/https';

export type Via = 'http' | 'adapter';

export interface Request {
  readonly token?: string;
  readonly headers?: Record<string, string>;
  readonly body?: Buffer | string;
  /** Sent as the Authorization header as it is (forged tokens of any shape). */
  readonly authorization?: string;
}

export interface HostileStack {
  readonly target: Target;
  readonly key: DevKey;
  readonly dataDir: string;
  call(via: Via, method: string, pathAndQuery: string, req?: Request): Promise<HttpAnswer>;
  /** How many versions the agency has for the year (0 when none). */
  versions(agency: string, year: number, adminToken: string): Promise<number>;
  close(): Promise<void>;
}

export async function startHostileStack(name: string): Promise<HostileStack> {
  const dir = mkdtempSync(join(tmpdir(), `nianbao-${name}-`));
  const dataDir = join(dir, 'data');
  const stack: LocalStack = await startLocalStack({
    port: 0,
    dataDir,
    certDir: join(dir, 'certs'),
    addinDir: join(dir, 'addin'),
    tableName: `${name}-test`,
    handlerLogLevel: 'SILENT',
  });
  const target: Target = { url: stack.url, ca: stack.certs.ca };
  const key = await devKey(dataDir);
  const domainName = new URL(stack.url).host;

  async function call(via: Via, method: string, pathAndQuery: string, req: Request = {}): Promise<HttpAnswer> {
    const headers: Record<string, string> = { ...req.headers };
    if (req.token) headers.authorization = `Bearer ${req.token}`;
    if (req.authorization !== undefined) headers.authorization = req.authorization;
    if (via === 'http')
      return https(target, method, pathAndQuery, { headers, ...(req.body !== undefined ? { body: req.body } : {}) });
    const [path = '', rawQuery = ''] = pathAndQuery.split(/\?(.*)/s);
    const body =
      req.body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body, 'utf8');
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    const r = await dispatch(
      { method, path, rawQuery, headers: lower, body },
      { domainName, verify: (t) => verifyDevToken(key, t) },
    );
    const text = r.body.toString('utf8');
    return { status: r.status, headers: r.headers, text, json: jsonOf(text) };
  }

  return {
    target,
    key,
    dataDir,
    call,
    async versions(agency, year, adminToken) {
      let count = 0;
      let cursor = '';
      for (;;) {
        const r = await call('adapter', 'GET', `/api/reports/${agency}/${year}/versions?limit=200${cursor}`, {
          token: adminToken,
        });
        if (r.status === 404) return 0;
        if (r.status !== 200) throw new Error(`versions of ${agency}: ${r.status} ${r.text}`);
        count += (r.json.versions as unknown[]).length;
        if (!r.json.next) return count;
        cursor = `&cursor=${encodeURIComponent(r.json.next as string)}`;
      }
    },
    async close() {
      forget(target);
      await stack.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What API Gateway (and the local stand-in) answers itself, before any handler runs. */
const GATEWAY_ANSWERS: Record<number, string> = { 401: 'Unauthorized', 413: 'Request Entity Too Large' };

/** Every refusal is a clear 4xx: a stable code and a message in Chinese and in English (the gateway's own excepted). */
export function expectClearRefusal(r: HttpAnswer, allowed: readonly number[]): void {
  if (!allowed.includes(r.status))
    throw new Error(`expected one of ${allowed.join('/')}, got ${r.status}: ${r.text.slice(0, 300)}`);
  if (r.json?.message && typeof r.json.message === 'object') {
    if (
      !/^E-[A-Z-]+$/.test(String(r.json.code)) ||
      !/[\u4e00-\u9fff]/.test(r.json.message.zh) ||
      !/[a-z]/i.test(r.json.message.en)
    ) {
      throw new Error(`unclear refusal: ${r.text.slice(0, 300)}`);
    }
  } else if (!(GATEWAY_ANSWERS[r.status] !== undefined && r.json?.message === GATEWAY_ANSWERS[r.status])) {
    throw new Error(`refusal without code and message: ${r.status} ${r.text.slice(0, 300)}`);
  }
}
