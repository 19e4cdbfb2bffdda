/**
 * The web pages' client of the HTTP API: JSON in and out with the bearer token, uploads of report files, downloads
 * (the desk's CSV, the consolidated workbook), and the API's errors as ApiError (its code and bilingual message).
 * Every call retries as contract/retry.ts says — a POST without an Idempotency-Key (a review action, a reminder) only
 * after a 429, the one answer that says nothing was done.
 */
import type { Bilingual } from '../../contract/bilingual';
import { IDEMPOTENCY_HEADER } from '../../contract/headers';
import { nextRetry, retryableStatus, retryAfterSeconds, THROTTLED, withTryAgainIn } from '../../contract/retry';
import { ApiError, NETWORK_ERROR, stoppedWith } from '../../addin/api/client';

export { ApiError };

export interface WebApiOptions {
  readonly apiBase: string;
  readonly token: () => string | null;
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface UploadAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly headers: Headers;
}

async function errorOf(res: Response): Promise<ApiError> {
  let body: Record<string, unknown> = {};
  try {
    body = (await res.json()) as Record<string, unknown>;
  } catch {
    // not JSON (the gateway's own answers, a proxy): the status says enough
  }
  const m = body.message as Bilingual | undefined;
  return new ApiError(
    res.status,
    typeof body.code === 'string' ? body.code : `HTTP-${res.status}`,
    m && typeof m.zh === 'string'
      ? m
      : res.status === 401
        ? { zh: '登录已失效，请重新登录', en: 'Your sign-in has expired; sign in again' }
        : { zh: `服务器返回 ${res.status}`, en: `The server answered ${res.status}` },
    body,
  );
}

/** An upload's last answer: a 5xx or 401 is an ApiError; a 429 says when to try again, or that the server is busy. */
async function answerOf(res: Response, laterSeconds: number | undefined): Promise<UploadAnswer> {
  if (res.status >= 500 || res.status === 401) throw await errorOf(res);
  let body: Record<string, unknown> = {};
  try {
    body = (await res.json()) as Record<string, unknown>;
  } catch {
    throw await errorOf(res);
  }
  if (res.status === 429 && typeof body.code !== 'string') body = { code: `HTTP-429`, message: THROTTLED };
  const message = body.message as Bilingual | undefined;
  if (laterSeconds !== undefined && body.retryAfterSeconds === undefined && message && typeof message.zh === 'string')
    body = { ...body, message: withTryAgainIn(message, laterSeconds) };
  return { status: res.status, body, headers: res.headers };
}

/** Answers a request may be resent after: any retryable one when resending is harmless, else a 429 alone. */
function retryOn(method: string, headers: Record<string, string>): (status: number) => boolean {
  const keyed = Object.keys(headers).some((h) => h.toLowerCase() === IDEMPOTENCY_HEADER.toLowerCase());
  return method === 'GET' || keyed ? retryableStatus : (status) => status === 429;
}

export class WebApi {
  constructor(private readonly opts: WebApiOptions) {}

  private async send(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const token = this.opts.token();
    if (token) headers.set('Authorization', `Bearer ${token}`);
    try {
      return await fetch(`${this.opts.apiBase.replace(/\/+$/, '')}${path}`, { ...init, headers });
    } catch (e) {
      throw new ApiError(
        0,
        NETWORK_ERROR,
        { zh: '无法连接服务器，请检查网络后重试。', en: 'Cannot reach the server; check the network and retry.' },
        { cause: String(e) },
      );
    }
  }

  /** A JSON answer; any other status is an ApiError. */
  async json<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const { res, laterSeconds } = await this.sendRetrying(
      path,
      {
        method,
        headers: {
          Accept: 'application/json',
          ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
          ...headers,
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      },
      retryOn(method, headers),
    );
    if (!res.ok) throw stoppedWith(await errorOf(res), laterSeconds);
    return (await res.json()) as T;
  }

  /**
   * Sends bytes as they are (a report file, under its Idempotency-Key) and answers the status with the JSON body,
   * refusals included. Retries as contract/retry.ts says — a lost answer, a busy server, a 429 — with the same bytes
   * and key; `onRetry` hears of each retry (its number, and the wait the server asked for, if any).
   */
  async upload(
    path: string,
    bytes: ArrayBuffer,
    headers: Record<string, string>,
    onRetry?: (n: number, waitSeconds?: number) => void,
  ): Promise<UploadAnswer> {
    const { res, laterSeconds } = await this.sendRetrying(
      path,
      { method: 'POST', headers, body: bytes },
      retryableStatus,
      onRetry,
    );
    return answerOf(res, laterSeconds);
  }

  /**
   * Sends, and resends while `retry` holds for the answer (status 0: none came) as contract/retry.ts says: the last
   * answer, and the wait it asked for when that is longer than a client makes on its own. No answer at the end throws.
   */
  private async sendRetrying(
    path: string,
    init: RequestInit,
    retry: (status: number) => boolean,
    onRetry?: (n: number, waitSeconds?: number) => void,
  ): Promise<{ res: Response; laterSeconds?: number | undefined }> {
    const sleep = this.opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    for (let n = 1; ; n++) {
      let res: Response | undefined;
      let lost: ApiError | undefined;
      try {
        res = await this.send(path, init);
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        lost = e;
      }
      const after = res ? retryAfterSeconds(res.headers.get('Retry-After')) : undefined;
      const next = retry(res?.status ?? 0) ? nextRetry(n, after) : ({ stop: true } as const);
      if (!('stop' in next)) {
        onRetry?.(n + 1, after);
        await sleep(next.waitMs);
        continue;
      }
      if (lost) throw lost;
      return { res: res!, laterSeconds: next.laterSeconds };
    }
  }

  /** A file from the API, saved by the browser under its own name. */
  async download(path: string, fallbackName: string): Promise<void> {
    const { res, laterSeconds } = await this.sendRetrying(path, { method: 'GET' }, retryableStatus);
    if (!res.ok) throw stoppedWith(await errorOf(res), laterSeconds);
    const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
