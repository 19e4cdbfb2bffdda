/** The API client (retries reuse the key), the session, PKCE, the sign-in dialog and the workbook file export. */
import { createHash } from 'node:crypto';
import { ApiClient, ApiError } from '../../addin/api/client';
import { MEDIA } from '../../contract/media';
import { authorizeUrl, pkcePair } from '../../addin/api/pkce';
import { isExpired, loadSession, saveSession, sessionFromToken } from '../../addin/api/session';
import { signInWithCognito, SignInError } from '../../addin/api/signIn';
import type { CognitoSignIn } from '../../contract/addin';
import { dialogMessage } from '../../addin/office/dialog';
import { exportWorkbook, FileTooLargeError } from '../../addin/office/exportFile';
import { installOfficeEnums } from './helpers/officeEnums';

installOfficeEnums();

function jwt(claims: Record<string, unknown>): string {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b64({ alg: 'none' })}.${b64(claims)}.sig`;
}

function response(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

describe('ApiClient.submit', () => {
  const attempt = {
    idempotencyKey: 'key-1',
    file: new Uint8Array([80, 75, 3, 4]),
    confirmedWarnings: ['TYPE-BLANK', 'TEXT-FEE'],
  };

  it('retries lost answers and busy servers with the same key, bytes and confirmation', async () => {
    const seen: {
      key: string | null;
      confirm: string | null;
      type: string | null;
      auth: string | null;
      body: number;
    }[] = [];
    const answers = [
      () => Promise.reject(new TypeError('Failed to fetch')),
      () => Promise.resolve(response(503, { code: 'E-BUSY', message: { zh: '忙', en: 'busy' } })),
      () =>
        Promise.resolve(
          response(
            201,
            {
              agency: 'a',
              year: 2024,
              version: 2,
              submittedAt: '2025-01-02T03:04:05Z',
              findings: [],
              publishedUrl: 'https://x/p',
            },
            { 'idempotent-replayed': 'true' },
          ),
        ),
    ];
    const fetchMock = jest.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
      const h = new Headers(init?.headers);
      seen.push({
        key: h.get('idempotency-key'),
        confirm: h.get('x-confirm-warnings'),
        type: h.get('content-type'),
        auth: h.get('authorization'),
        body: (init?.body as Uint8Array).length,
      });
      return answers[seen.length - 1]!();
    });
    const delays: number[] = [];
    const client = new ApiClient({
      apiBase: 'https://h/api',
      token: () => 'T',
      fetch: fetchMock as typeof fetch,
      sleep: async (ms) => void delays.push(ms),
    });
    const tries: number[] = [];
    const receipt = await client.submit(attempt, (n) => tries.push(n));
    expect(receipt).toMatchObject({ version: 2, replayed: true, publishedUrl: 'https://x/p' });
    expect(tries).toEqual([1, 2, 3]);
    expect(delays).toHaveLength(2);
    expect(new Set(seen.map((s) => JSON.stringify(s)))).toEqual(
      new Set([
        JSON.stringify({ key: 'key-1', confirm: 'TYPE-BLANK,TEXT-FEE', type: MEDIA.xlsx, auth: 'Bearer T', body: 4 }),
      ]),
    );
    expect(fetchMock.mock.calls[0]![0]).toBe('https://h/api/reports');
  });

  it('gives up after the attempts with a retryable error, and does not retry a refusal', async () => {
    const down = new ApiClient({
      apiBase: 'https://h/api',
      token: () => 'T',
      fetch: (async () => Promise.reject(new TypeError('offline'))) as typeof fetch,
      sleep: async () => {},
    });
    await expect(down.submit(attempt)).rejects.toMatchObject({ status: 0, code: 'E-NETWORK', retryable: true });
    const findings = [{ rule: 'T3-BALANCE', severity: 'error', message: { zh: 'x', en: 'x' }, cells: [] }];
    const refusing = jest.fn(async () =>
      response(422, { code: 'E-REPORT-ERRORS', message: { zh: '有错误', en: 'errors' }, findings }),
    );
    const client = new ApiClient({
      apiBase: 'https://h/api',
      token: () => 'T',
      fetch: refusing as unknown as typeof fetch,
      sleep: async () => {},
    });
    const err = (await client.submit(attempt).catch((e) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.retryable).toBe(false);
    expect(err.findings).toEqual(findings);
    expect(refusing).toHaveBeenCalledTimes(1);
  });

  it('reads the latest report, or null for 404', async () => {
    const report = { format: '2021', agency: 'x', year: 2023, sections: {}, values: {} };
    const client = new ApiClient({
      apiBase: 'https://h/api',
      token: () => null,
      fetch: (async (url: string) =>
        url.endsWith('/2023')
          ? response(200, { report, findings: [] })
          : response(404, {
              code: 'E-NOT-FOUND',
              message: { zh: '未找到', en: 'Not found' },
            })) as unknown as typeof fetch,
    });
    expect(await client.latestReport('yiyang-hrss', 2023)).toEqual({ report, findings: [] });
    expect(await client.latestReport('yiyang-hrss', 2022)).toBeNull();
  });
});

describe('session', () => {
  it('reads the agency claims from the token and remembers it for the browsing session', () => {
    const now = Date.parse('2025-03-01T00:00:00Z');
    const token = jwt({
      sub: 'u',
      'custom:agency': 'yiyang-hrss',
      'custom:agency_name': '益阳市人力资源和社会保障局',
      'cognito:groups': '[staff admins]',
      exp: now / 1000 + 3600,
    });
    const s = sessionFromToken(token, now);
    expect(s).toMatchObject({
      agency: 'yiyang-hrss',
      agencyName: '益阳市人力资源和社会保障局',
      groups: ['staff', 'admins'],
    });
    expect(isExpired(s, now)).toBe(false);
    expect(isExpired(s, now + 3600_000)).toBe(true);
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
      removeItem: (k: string) => void store.delete(k),
    } as Storage;
    saveSession(storage, s);
    expect(loadSession(storage, now)?.agency).toBe('yiyang-hrss');
    expect(loadSession(storage, now + 7200_000)).toBeNull();
    saveSession(storage, null);
    expect(loadSession(storage, now)).toBeNull();
  });
});

const cognito: CognitoSignIn = {
  domain: 'https://auth.example.cn',
  clientId: 'client123',
  redirectUri: 'https://addin.example.cn/signin-callback.html',
  scopes: ['openid', 'email'],
};

describe('PKCE sign-in', () => {
  it('makes an S256 challenge of the verifier and an authorize URL with it', async () => {
    const { verifier, challenge } = await pkcePair();
    expect(challenge).toBe(createHash('sha256').update(verifier).digest('base64url'));
    const url = new URL(authorizeUrl(cognito, 'state123', challenge, 'zh-CN'));
    expect(url.origin + url.pathname).toBe('https://auth.example.cn/oauth2/authorize');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'client123',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state: 'state123',
      scope: 'openid email',
      lang: 'zh-CN',
    });
  });

  function dialogUi(reply: (startUrl: string) => { message?: string; origin?: string; closed?: boolean }[]) {
    const closed: string[] = [];
    return {
      closed,
      ui: {
        displayDialogAsync(url: string, _o: unknown, cb: (r: unknown) => void) {
          const handlers: Record<string, (a: unknown) => void> = {};
          cb({
            status: 'succeeded',
            value: {
              addEventHandler: (t: string, h: (a: unknown) => void) => (handlers[t] = h),
              close: () => closed.push(url),
            },
          });
          for (const r of reply(url)) {
            if (r.closed) handlers.dialogEventReceived!({ error: 12006 });
            else handlers.dialogMessageReceived!({ message: r.message, origin: r.origin });
          }
        },
      },
    };
  }

  it('exchanges the code once the callback sends the right state from the pane’s origin', async () => {
    const { ui, closed } = dialogUi((url) => {
      const state = new URL(url).searchParams.get('state');
      return [
        { message: JSON.stringify({ code: 'evil', state }), origin: 'https://evil.example' },
        { message: JSON.stringify({ code: 'good-code', state }), origin: 'https://addin.example.cn' },
      ];
    });
    const bodies: URLSearchParams[] = [];
    const fetchMock = (async (_u: string, init: RequestInit) => {
      bodies.push(init.body as URLSearchParams);
      return response(200, { id_token: jwt({ 'custom:agency': 'a', exp: Date.now() / 1000 + 600 }), expires_in: 600 });
    }) as unknown as typeof fetch;
    const s = await signInWithCognito(cognito, {
      ui: ui as never,
      origin: 'https://addin.example.cn',
      fetch: fetchMock,
    });
    expect(s.agency).toBe('a');
    expect(bodies).toHaveLength(1);
    expect(bodies[0]!.get('code')).toBe('good-code');
    expect(bodies[0]!.get('code_verifier')).toMatch(/^[A-Za-z0-9_-]{43,}$/);
    expect(closed).toHaveLength(1);
  });

  it('refuses a wrong state, and reports a closed window', async () => {
    const wrong = dialogUi(() => [
      { message: JSON.stringify({ code: 'c', state: 'forged' }), origin: 'https://addin.example.cn' },
    ]);
    await expect(
      signInWithCognito(cognito, { ui: wrong.ui as never, origin: 'https://addin.example.cn' }),
    ).rejects.toBeInstanceOf(SignInError);
    const closedUi = dialogUi(() => [{ closed: true }]);
    await expect(
      dialogMessage(closedUi.ui as never, 'https://addin.example.cn/signin.html', 'https://addin.example.cn'),
    ).rejects.toThrow('closed');
  });
});

describe('exportWorkbook', () => {
  function fileSource(bytes: Uint8Array, sliceSize: number) {
    const calls = { closed: 0, slices: [] as number[], sliceSize: 0 };
    const doc = {
      getFileAsync(_t: unknown, o: { sliceSize: number }, cb: (r: unknown) => void) {
        calls.sliceSize = o.sliceSize;
        const count = Math.ceil(bytes.length / sliceSize);
        cb({
          status: 'succeeded',
          value: {
            size: bytes.length,
            sliceCount: count,
            getSliceAsync: (i: number, done: (r: unknown) => void) => {
              calls.slices.push(i);
              done({
                status: 'succeeded',
                value: {
                  data: Array.from(bytes.subarray(i * sliceSize, (i + 1) * sliceSize)),
                  index: i,
                  size: sliceSize,
                },
              });
            },
            closeAsync: (done: () => void) => {
              calls.closed++;
              done();
            },
          },
        });
      },
    };
    return { doc, calls };
  }

  it('reads every slice in order and always closes the file', async () => {
    const bytes = Uint8Array.from({ length: 10_000 }, (_, i) => i % 251);
    const { doc, calls } = fileSource(bytes, 4096);
    const out = await exportWorkbook(doc as never, 1 << 20, 4096);
    expect(Buffer.from(out).equals(Buffer.from(bytes))).toBe(true);
    expect(calls.slices).toEqual([0, 1, 2]);
    expect(calls.closed).toBe(1);
    expect(calls.sliceSize).toBeLessThanOrEqual(4 * 1024 * 1024);
  });

  it('refuses a file over the limit, closing it all the same', async () => {
    const { doc, calls } = fileSource(new Uint8Array(5000), 4096);
    await expect(exportWorkbook(doc as never, 4000)).rejects.toBeInstanceOf(FileTooLargeError);
    expect(calls.slices).toEqual([]);
    expect(calls.closed).toBe(1);
  });
});
