/**
 * A real HTTP server for the clients' retry tests: it answers each request with the next answer of its script
 * (then accepts), and records what each request carried — its method and path, the Idempotency-Key, the body's
 * size, when it came. An answer of status 0 is none: the connection is cut.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedAnswer {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body: unknown;
}

export const ACCEPTED: ScriptedAnswer = {
  status: 201,
  body: { agency: 'a', year: 2025, version: 1, submittedAt: '2026-01-30T08:00:00Z', findings: [], publishedUrl: 'u' },
};
/** API Gateway's own throttle: no Retry-After, not the API's error shape. */
export const GATEWAY_429: ScriptedAnswer = { status: 429, body: { message: 'Too Many Requests' } };
/** The WAF's answer (infra/edge.ts) with a Retry-After of its own. */
export const waf429 = (retryAfter: string): ScriptedAnswer => ({
  status: 429,
  headers: { 'retry-after': retryAfter },
  body: {
    code: 'E-TOO-MANY-REQUESTS',
    message: {
      zh: '此网络地址的请求过多，请稍后再试',
      en: 'Too many requests from this network address; try again later',
    },
  },
});

export interface ThrottlingServer {
  /** http://127.0.0.1:port/api */
  readonly apiBase: string;
  script: ScriptedAnswer[];
  seen: { method: string; path: string; key: string | undefined; bytes: number; at: number }[];
  close(): Promise<void>;
}

function bodySize(req: IncomingMessage): Promise<number> {
  return new Promise((resolve) => {
    let n = 0;
    req.on('data', (c: Buffer) => (n += c.length));
    req.on('end', () => resolve(n));
  });
}

export async function startThrottlingServer(): Promise<ThrottlingServer> {
  const state = { script: [] as ScriptedAnswer[], seen: [] as ThrottlingServer['seen'] };
  const server: Server = createServer(async (req, res) => {
    const bytes = await bodySize(req);
    const key = req.headers['idempotency-key'] as string | undefined;
    state.seen.push({ method: req.method ?? '', path: req.url ?? '', key, bytes, at: Date.now() });
    const a = state.script.shift() ?? ACCEPTED;
    if (a.status === 0) return void req.socket.destroy();
    res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers });
    res.end(JSON.stringify(a.body));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return Object.assign(state, {
    apiBase: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections(); // the clients keep connections alive
      }),
  });
}

/**
 * The server for a test file: started before its tests, its script and record emptied before each, closed after.
 * Read and assign `script` and `seen` as on the server itself.
 */
export function useThrottlingServer(): ThrottlingServer {
  let server: ThrottlingServer | undefined;
  const live = () => {
    if (!server) throw new Error('the throttling server starts in beforeAll');
    return server;
  };
  beforeAll(async () => void (server = await startThrottlingServer()));
  afterAll(() => server?.close());
  beforeEach(() => {
    live().seen = [];
    live().script = [];
  });
  return {
    get apiBase() {
      return live().apiBase;
    },
    get script() {
      return live().script;
    },
    set script(answers) {
      live().script = answers;
    },
    get seen() {
      return live().seen;
    },
    set seen(requests) {
      live().seen = requests;
    },
    close: () => live().close(),
  };
}
