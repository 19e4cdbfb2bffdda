/**
 * HTTPS requests to a running local stack, trusting its development CA, over keep-alive connections as a browser or
 * the CLI would hold them; the answer's text, and its JSON when it is JSON.
 */
import { Agent, request } from 'node:https';

export interface HttpAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly json: any;
}

export interface Target {
  /** https://localhost:PORT */
  readonly url: string;
  readonly ca: string | Buffer;
}

/** The text as JSON, or undefined when it is none (an HTML page, an empty body). */
export function jsonOf(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const agents = new WeakMap<Target, Agent>();

/** Keep-alive connections per target, as a browser or the CLI would hold them. */
function agentFor(target: Target): Agent {
  let agent = agents.get(target);
  if (!agent) agents.set(target, (agent = new Agent({ keepAlive: true, maxSockets: 16, ca: target.ca })));
  return agent;
}

/** Closes the target's idle connections (before the server goes away). */
export function forget(target: Target): void {
  agents.get(target)?.destroy();
  agents.delete(target);
}

export function https(
  target: Target,
  method: string,
  path: string,
  opts: { token?: string; headers?: Record<string, string>; body?: Buffer | string } = {},
): Promise<HttpAnswer> {
  const body = typeof opts.body === 'string' ? Buffer.from(opts.body, 'utf8') : opts.body;
  return new Promise((resolve, reject) => {
    const req = request(
      `${target.url}${path}`,
      {
        method,
        agent: agentFor(target),
        headers: {
          ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
          ...(body ? { 'content-length': String(body.length) } : {}),
          ...opts.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: jsonOf(text) });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.setTimeout(60_000, () => req.destroy(new Error('timeout')));
    req.end(body);
  });
}
