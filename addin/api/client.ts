/**
 * The task pane's client of the HTTP API; every call retries as contract/retry.ts says. Submissions carry the
 * Idempotency-Key of their report (see taskpane/submissionKey.ts), reused on every retry with the same bytes and
 * headers, so a retry after a lost answer returns the version already stored instead of storing a second one. The
 * local stack's dev sign-in, a POST without a key, is resent after a 429 alone, as the web pages' client does.
 */
import type { AcceptedAnswer } from '../../contract/answers';
import type { ReviewStatus } from '../../contract/review';
import { MEDIA } from '../../contract/media';
import { CLIENT_HEADER, CONFIRM_HEADER, IDEMPOTENCY_HEADER, REPLAYED_HEADER } from '../../contract/headers';
import {
  backoffMs,
  nextRetry,
  RETRY_ATTEMPTS,
  retryableStatus,
  retryAfterSeconds,
  THROTTLED,
  withTryAgainIn,
} from '../../contract/retry';
import type { Bilingual, Finding, Report } from '../../report/model/types';

/** The 201 answer to an accepted submission, and whether the server answered from an earlier attempt. */
export interface Receipt extends AcceptedAnswer<Finding> {
  readonly replayed: boolean;
}

/** An answer that is an error of the API ({ code, message: {zh, en}, … }), or the network failing. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly bilingual: Bilingual,
    readonly body: Record<string, unknown> = {},
    /** The answer's Retry-After, in seconds (contract/retry.ts reads seconds or an HTTP date). */
    readonly retryAfter?: number,
  ) {
    super(`${status} ${code}: ${bilingual.en}`);
  }

  /** The same error told in other words. */
  saying(bilingual: Bilingual): ApiError {
    return new ApiError(this.status, this.code, bilingual, this.body, this.retryAfter);
  }

  /** Findings the server sent with a refusal (422). */
  get findings(): Finding[] {
    return Array.isArray(this.body.findings) ? (this.body.findings as Finding[]) : [];
  }

  /** Worth trying again with the same key: no answer, a busy server, or the key still being processed. */
  get retryable(): boolean {
    return retryableStatus(this.status);
  }
}

export const NETWORK_ERROR = 'E-NETWORK';

export interface SubmitAttempt {
  /** The report's key (taskpane/submissionKey.ts): the same for every retry and every click while it is unchanged. */
  readonly idempotencyKey: string;
  readonly file: Uint8Array;
  /** Warning codes the person confirmed (empty: none shown). */
  readonly confirmedWarnings: readonly string[];
}

export interface RetryPolicy {
  readonly attempts: number;
  /** Delay before retry n (1-based), in ms, when the answer named no time (a Retry-After is waited as told). */
  delay(n: number): number;
}

/** contract/retry.ts: three tries; 1–2 s, then 2–4 s, or the Retry-After when it is at most 30 s. */
export const DEFAULT_RETRY: RetryPolicy = { attempts: RETRY_ATTEMPTS, delay: (n) => backoffMs(n) };

export interface ApiClientOptions {
  readonly apiBase: string;
  readonly token: () => string | null;
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly retry?: RetryPolicy;
}

async function errorOf(res: Response): Promise<ApiError> {
  let body: Record<string, unknown> = {};
  try {
    body = (await res.json()) as Record<string, unknown>;
  } catch {
    // not JSON (a proxy's page): fall back to the status
  }
  const message = body.message as Bilingual | undefined;
  return new ApiError(
    res.status,
    typeof body.code === 'string' ? body.code : `HTTP-${res.status}`,
    message && typeof message.zh === 'string'
      ? message
      : { zh: `服务器返回 ${res.status}`, en: `The server answered ${res.status}` },
    body,
    retryAfterSeconds(res.headers.get('Retry-After')),
  );
}

/**
 * The error a submission stops with: a wait longer than the client makes on its own is told (请在 N 秒后重试) unless
 * the server's words already say when (our rate limit's do); a 429 that is not the API's own (API Gateway's throttle)
 * says the server is busy.
 */
export function stoppedWith(e: ApiError, laterSeconds: number | undefined): ApiError {
  if (laterSeconds !== undefined && e.body.retryAfterSeconds === undefined)
    return e.saying(withTryAgainIn(e.bilingual, laterSeconds));
  if (e.status === 429 && typeof e.body.code !== 'string') return e.saying(THROTTLED);
  return e;
}

/** When a POST without an Idempotency-Key may be sent again: after a 429 alone (it says nothing was done). */
const resendableWithoutKey = (e: ApiError) => e.status === 429;

export class ApiClient {
  private readonly fetchImpl: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly retry: RetryPolicy;

  constructor(private readonly opts: ApiClientOptions) {
    this.fetchImpl = opts.fetch ?? ((...a) => fetch(...a));
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.retry = opts.retry ?? DEFAULT_RETRY;
  }

  /** How many times a submission is sent at most (first try included). */
  get attempts(): number {
    return this.retry.attempts;
  }

  private url(path: string): string {
    return `${this.opts.apiBase.replace(/\/+$/, '')}${path}`;
  }

  private async send(path: string, init: RequestInit): Promise<Response> {
    const token = this.opts.token();
    const headers = new Headers(init.headers);
    if (token) headers.set('Authorization', `Bearer ${token}`);
    try {
      return await this.fetchImpl(this.url(path), { ...init, headers });
    } catch (e) {
      throw new ApiError(
        0,
        NETWORK_ERROR,
        {
          zh: '无法连接服务器，请检查网络后重试。',
          en: 'Cannot reach the server; check the network and retry.',
        },
        { cause: String(e) },
      );
    }
  }

  /**
   * Submits the workbook; retries network failures and busy answers with the same key and bytes, as
   * contract/retry.ts says (a Retry-After of at most 30 s waited as told, longer told to the person).
   */
  async submit(attempt: SubmitAttempt, onTry?: (n: number) => void): Promise<Receipt> {
    const headers: Record<string, string> = {
      'Content-Type': MEDIA.xlsx,
      [IDEMPOTENCY_HEADER]: attempt.idempotencyKey,
      [CLIENT_HEADER]: 'addin',
    };
    if (attempt.confirmedWarnings.length > 0) headers[CONFIRM_HEADER] = attempt.confirmedWarnings.join(',');
    return this.retrying(async (n) => {
      onTry?.(n);
      const res = await this.send('/reports', { method: 'POST', headers, body: attempt.file as BodyInit });
      if (res.status !== 201 && res.status !== 200) throw await errorOf(res);
      const body = (await res.json()) as Omit<Receipt, 'replayed'>;
      return { ...body, findings: body.findings ?? [], replayed: res.headers.get(REPLAYED_HEADER) === 'true' };
    });
  }

  /**
   * Runs `once` (given its try's number) and runs it again after an ApiError worth retrying, as contract/retry.ts
   * says; the last error told as stoppedWith tells it. Any retryable error for requests that may be sent again (a
   * keyed submission, a GET); others say which errors they may be resent after (`mayResend`).
   */
  private async retrying<T>(
    once: (n: number) => Promise<T>,
    mayResend: (e: ApiError) => boolean = (e) => e.retryable,
  ): Promise<T> {
    for (let n = 1; ; n++) {
      try {
        return await once(n);
      } catch (e) {
        if (!(e instanceof ApiError) || !mayResend(e)) throw e;
        const next = nextRetry(n, e.retryAfter, { attempts: this.retry.attempts, backoff: this.retry.delay });
        if ('stop' in next) throw stoppedWith(e, next.laterSeconds);
        await this.sleep(next.waitMs);
      }
    }
  }

  /** GET of the agency's report for a year (retried like a submission), or null when there is none. */
  private reportAnswer(
    agency: string,
    year: number,
  ): Promise<{ report?: Report; findings?: Finding[]; review?: ReviewStatus } | null> {
    return this.retrying(async () => {
      const res = await this.send(`/reports/${encodeURIComponent(agency)}/${year}`, {
        method: 'GET',
        headers: { Accept: 'application/json' },
      });
      if (res.status === 404) return null;
      if (!res.ok) throw await errorOf(res);
      return (await res.json()) as { report?: Report; findings?: Finding[]; review?: ReviewStatus };
    });
  }

  /** The latest stored version of an agency's report for a year, or null when there is none. */
  async latestReport(agency: string, year: number): Promise<{ report: Report; findings: Finding[] } | null> {
    const body = await this.reportAnswer(agency, year);
    return body?.report ? { report: body.report, findings: body.findings ?? [] } : null;
  }

  /** Where the agency's report for a year stands with its reviewing office (a return's reason and cell comments). */
  async reviewStatus(agency: string, year: number): Promise<ReviewStatus | null> {
    return (await this.reportAnswer(agency, year))?.review ?? null;
  }

  /** Local stack only: a development token for an agency (a POST without a key: resent after a 429 alone). */
  devToken(agency: string, agencyName: string): Promise<string> {
    const request = JSON.stringify({ agency, ...(agencyName ? { agencyName } : {}) });
    return this.retrying(async () => {
      const res = await this.send('/dev/token', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: request,
      });
      if (!res.ok) throw await errorOf(res);
      const body = (await res.json()) as { token?: string };
      if (!body.token)
        throw new ApiError(res.status, 'E-DEV-TOKEN', { zh: '未获得令牌', en: 'No token in the answer' });
      return body.token;
    }, resendableWithoutKey);
  }
}
