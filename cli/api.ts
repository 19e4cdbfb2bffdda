/**
 * The CLI's client of the API for the reviewer and administrator commands: where the API is (--api, NIANBAO_API,
 * else the local stack), the bearer token (--token, NIANBAO_TOKEN), the CAs to trust (the local dev CA for
 * localhost, an extra --ca), one request with its answer, and the API's bilingual message for a refusal. `nianbao
 * submit` uses the same local API, CAs and request (it says more about a missing token and a failed connection).
 */
import { existsSync, readFileSync } from 'node:fs';
import { request as requestHttp } from 'node:http';
import { request } from 'node:https';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import type { Bilingual } from '../contract/bilingual';
import { CERT_FILES } from '../dev/certs';
import { runningStack } from '../dev/lock';
import { localPaths, localPort } from '../dev/paths';
import { stringOption } from './args';
import { UsageError } from './io';

export const API_OPTIONS = {
  api: { type: 'string' },
  token: { type: 'string' },
  ca: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export const API_HELP = `  --api URL      接口地址 / the API (default: NIANBAO_API, else the local stack running on DATA_DIR,
                 else https://localhost:${localPort()}/api)
  --token T      登录令牌 / bearer token (or NIANBAO_TOKEN); locally: nianbao dev-token
  --ca FILE      额外信任的证书 / a CA to trust (localhost: .certs/${CERT_FILES.ca} by default)
  --json         输出接口的原始答复 / print the API's answer as JSON`;

export interface ApiTarget {
  readonly base: string;
  readonly token: string;
  readonly ca?: string[];
}

export interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly json: any;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The URL names this machine (where the local stack runs). */
export function isLocal(url: URL): boolean {
  return LOCAL_HOSTS.has(url.hostname);
}

/** The API of the local stack running on this data folder (whatever its port), else the default port's. */
export function localApi(): string {
  const running = runningStack(localPaths().dataDir);
  return running?.url ? `${running.url}/api` : `https://localhost:${localPort()}/api`;
}

export function apiTarget(values: Record<string, string | boolean | undefined>): ApiTarget {
  const token = stringOption(values.token) ?? process.env.NIANBAO_TOKEN;
  if (!token)
    throw new UsageError({
      zh: '缺少 --token（本地服务可用 nianbao dev-token 获取）',
      en: 'Missing --token (for the local stack: nianbao dev-token)',
    });
  const text = (stringOption(values.api) ?? process.env.NIANBAO_API ?? localApi()).replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError({ zh: `--api 不是有效的网址：${text}`, en: `--api is not a valid URL: ${text}` });
  }
  const ca = trustedCAs(url, stringOption(values.ca));
  return { base: text, token, ...(ca ? { ca } : {}) };
}

/** The CAs to verify the server with: the local dev CA for localhost, an extra --ca, else (undefined) the system's. */
export function trustedCAs(url: URL, caFile: string | undefined): string[] | undefined {
  const extra: string[] = [];
  if (caFile) {
    try {
      extra.push(readFileSync(caFile, 'utf8'));
    } catch {
      throw new UsageError({ zh: `无法读取证书文件：${caFile}`, en: `Cannot read the CA file: ${caFile}` });
    }
  }
  const local = join(localPaths().certDir, CERT_FILES.ca);
  if (isLocal(url) && existsSync(local)) extra.push(readFileSync(local, 'utf8'));
  return extra.length ? [...rootCertificates, ...extra] : undefined;
}

/** One request; a network failure is a UsageError (exit 2) that says what to check. */
export function call(
  target: ApiTarget,
  method: string,
  path: string,
  opts: { body?: Buffer; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const url = new URL(target.base + path);
  const headers = { authorization: `Bearer ${target.token}`, accept: 'application/json', ...opts.headers };
  return send(url, method, headers, opts.body, target.ca).catch((e: NodeJS.ErrnoException) => {
    const local = isLocal(url);
    throw new UsageError({
      zh: `无法连接 ${url.origin}（${e.code ?? e.message}）${local ? '：本地服务是否已用 npm start 启动？' : ''}`,
      en: `Cannot reach ${url.origin} (${e.code ?? e.message})${local ? ': is the local stack running (npm start)?' : ''}`,
    });
  });
}

/** One request as it is (headers as given, plus the body's length); a network failure rejects with its error. */
export function send(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: Buffer | undefined,
  ca: string[] | undefined,
): Promise<Answer> {
  return new Promise<Answer>((resolve, reject) => {
    const req = (url.protocol === 'http:' ? requestHttp : request)(
      url,
      {
        method,
        headers: { ...(body ? { 'content-length': String(body.length) } : {}), ...headers },
        ...(ca ? { ca } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const received = Buffer.concat(chunks);
          let json: unknown;
          try {
            json = JSON.parse(received.toString('utf8'));
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: received, json });
        });
        res.on('error', reject);
      },
    );
    req.setTimeout(120_000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

/** The API's message for an answer that is not a success, or one for answers that are not the API's own. */
export function refusal(answer: Answer): Bilingual {
  const m = answer.json?.message;
  if (m && typeof m === 'object' && typeof m.zh === 'string') return m as Bilingual;
  if (answer.status === 401)
    return {
      zh: '令牌无效或已过期：请重新获取（本地：nianbao dev-token）',
      en: 'The token is invalid or expired: get a new one (locally: nianbao dev-token)',
    };
  return { zh: `服务器返回 ${answer.status}`, en: `The server answered ${answer.status}` };
}
