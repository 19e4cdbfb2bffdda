/**
 * The CLI's client of the API for the reviewer and administrator commands: where the API is (--api, NIANBAO_API,
 * else the local stack), the bearer token (--token, NIANBAO_TOKEN), the CAs to trust (the local dev CA for
 * localhost, an extra --ca), one request with its answer, and the API's bilingual message for a refusal.
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
  const extra: string[] = [];
  const caFile = stringOption(values.ca);
  if (caFile) {
    try {
      extra.push(readFileSync(caFile, 'utf8'));
    } catch {
      throw new UsageError({ zh: `无法读取证书文件：${caFile}`, en: `Cannot read the CA file: ${caFile}` });
    }
  }
  const local = join(localPaths().certDir, CERT_FILES.ca);
  if (LOCAL_HOSTS.has(url.hostname) && existsSync(local)) extra.push(readFileSync(local, 'utf8'));
  return { base: text, token, ...(extra.length ? { ca: [...rootCertificates, ...extra] } : {}) };
}

/** One request; a network failure is a UsageError (exit 2) that says what to check. */
export function call(
  target: ApiTarget,
  method: string,
  path: string,
  opts: { body?: Buffer; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const url = new URL(target.base + path);
  return new Promise<Answer>((resolve, reject) => {
    const req = (url.protocol === 'http:' ? requestHttp : request)(
      url,
      {
        method,
        headers: {
          authorization: `Bearer ${target.token}`,
          accept: 'application/json',
          ...(opts.body ? { 'content-length': String(opts.body.length) } : {}),
          ...opts.headers,
        },
        ...(target.ca ? { ca: target.ca } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          let json: unknown;
          try {
            json = JSON.parse(body.toString('utf8'));
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json });
        });
        res.on('error', reject);
      },
    );
    req.setTimeout(120_000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(opts.body);
  }).catch((e: NodeJS.ErrnoException) => {
    const local = LOCAL_HOSTS.has(url.hostname);
    throw new UsageError({
      zh: `无法连接 ${url.origin}（${e.code ?? e.message}）${local ? '：本地服务是否已用 npm start 启动？' : ''}`,
      en: `Cannot reach ${url.origin} (${e.code ?? e.message})${local ? ': is the local stack running (npm start)?' : ''}`,
    });
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
