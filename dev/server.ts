/**
 * The local stack (`npm start`): one HTTPS server on localhost serving the add-in's files, the API under /api
 * (the Lambda handlers through the adapter) with the published pages, and dynalite persisted in the data folder.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve, sep } from 'node:path';
import { staticContentType } from '../contract/media';
import { WEB_FILES } from '../contract/web';
import type { SubmissionRate } from '../contract/limits';
import { setReminderSink } from '../functions/review/reminders';
import { publishedPaths } from '../contract/published';
import { configureFunctions, readEnv } from '../functions/env';
import { logger } from '../functions/http/handler';
import { API_BASE, LOCAL_ROUTES } from '../contract/routes';
import { dispatch, type LocalRequest, type LocalResponse } from './adapter';
import { ensureDevCertificates, type DevCertificates } from './certs';
import { devKey, DevTokenError, signDevToken, verifyDevToken } from './devAuth';
import { DatabaseOpenError, ensureTable, startDynalite, type LocalDynamo } from './dynamo';
import { acquireStackLock } from './lock';
import { publishedDir, startLocalPublishing, type LocalPublishing } from './publishing';

export const LOCAL_TABLE = 'nianbao-local';
/** Larger bodies are refused before any handler runs, as API Gateway and Lambda do (6 MB invocation payload). */
const MAX_REQUEST_BYTES = 6 * 1024 * 1024;

export interface LocalStackOptions {
  readonly port: number;
  readonly dataDir: string;
  readonly certDir: string;
  /** The built add-in, served at / (dist/addin). */
  readonly addinDir: string;
  /** Build the add-in into addinDir at start (build/addin.ts). */
  readonly buildAddin?: boolean;
  readonly tableName?: string;
  /** One line per request and per notable event. */
  readonly log?: (line: string) => void;
  /** The handlers' own log level (default WARN: one line per request is printed by `log` instead). */
  readonly handlerLogLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';
  /** The submission rate limit (default contract/limits.ts SUBMISSION_RATE; tests lower it to meet it). */
  readonly submissionRate?: SubmissionRate;
}

export interface LocalStack {
  readonly url: string;
  readonly apiBase: string;
  /** The embedded DynamoDB and the table the handlers use. */
  readonly dynamoEndpoint: string;
  readonly tableName: string;
  readonly certs: DevCertificates & { generated: boolean };
  readonly addinBuilt: boolean;
  /** The published pages and open data: their builder and folder (dev/publishing.ts). */
  readonly publishing: LocalPublishing;
  close(): Promise<void>;
}

function readRequest(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_REQUEST_BYTES) over = true;
      else chunks.push(c);
    });
    req.on('end', () => resolvePromise(over ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function headersOf(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers))
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
  return out;
}

function send(res: ServerResponse, r: LocalResponse): void {
  res.writeHead(r.status, { ...r.headers, 'content-length': String(r.body.length) });
  res.end(r.body);
}

const jsonResponse = (status: number, body: unknown): LocalResponse => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  body: Buffer.from(JSON.stringify(body)),
});

async function staticFile(root: string, urlPath: string): Promise<LocalResponse | undefined> {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const file = resolve(root, '.' + (rel.endsWith('/') ? `${rel}index.html` : rel));
  if (file !== root && !file.startsWith(root + sep)) return undefined;
  try {
    if (!(await stat(file)).isFile()) return undefined;
  } catch {
    return undefined;
  }
  return {
    status: 200,
    headers: {
      'content-type': staticContentType(file),
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    },
    body: await readFile(file),
  };
}

function landingPage(url: string, addinBuilt: boolean): LocalResponse {
  const year = new Date().getFullYear() - 1;
  const links = [
    addinBuilt ? `<li><a href="/taskpane.html">任务窗格 Task pane</a></li>` : '',
    addinBuilt ? `<li><a href="/${WEB_FILES.upload}">网页报送 Submit on the web</a></li>` : '',
    addinBuilt ? `<li><a href="/${WEB_FILES.desk}">审核台 Review desk</a></li>` : '',
    `<li><a href="${publishedPaths.index(year)}">${year} 年度已公开年报 Published reports ${year}</a></li>`,
    `<li><a href="${publishedPaths.manifest(year)}">开放数据 Open data (JSON)</a></li>`,
  ].join('');
  const body = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>年报通 本地服务</title></head><body><h1>年报通 本地服务 <small lang="en">local stack</small></h1><p>${url}</p><ul>${links}</ul></body></html>`;
  return {
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' },
    body: Buffer.from(body),
  };
}

async function buildAddinInto(outDir: string, baseUrl: string): Promise<void> {
  // require, not import(): under tsx a dynamic import of this CommonJS module yields only a default export.
  const { buildAddin } = require('../build/addin') as typeof import('../build/addin');
  await buildAddin({ outDir, baseUrl });
}

export async function startLocalStack(opts: LocalStackOptions): Promise<LocalStack> {
  const log = opts.log ?? (() => undefined);
  const tableName = opts.tableName ?? LOCAL_TABLE;
  // Port 0 (tests) picks a free port: the URL is known once the first listener is up.
  let port = opts.port;
  let url = `https://localhost:${port}`;
  mkdirSync(opts.dataDir, { recursive: true });
  // First of all: a second stack on the same data is refused before it touches anything (dev/lock.ts).
  const lock = acquireStackLock(opts.dataDir);
  let dynamo: LocalDynamo | undefined;
  let certs: DevCertificates & { generated: boolean };
  let key: Awaited<ReturnType<typeof devKey>>;
  try {
    certs = await ensureDevCertificates(opts.certDir);
    key = await devKey(opts.dataDir);
    const path = join(opts.dataDir, 'dynamodb');
    dynamo = await startDynalite({ path, thread: true });
    await ensureTable(dynamo.endpoint, tableName).catch((e: unknown) => {
      const failure = dynamo?.failure?.();
      throw failure ? new DatabaseOpenError(path, failure.message) : e;
    });
  } catch (e) {
    await dynamo?.close().catch(() => undefined);
    lock.release();
    throw e;
  }
  let addinBuilt = !opts.buildAddin && existsSync(join(opts.addinDir, 'taskpane.html'));
  configureFunctions({
    tableName,
    endpoint: dynamo.endpoint,
    region: 'local',
    ...(opts.submissionRate ? { submissionRate: opts.submissionRate } : {}),
  });
  logger.setLogLevel(opts.handlerLogLevel ?? 'WARN');
  // Deadline reminders are not e-mailed locally: each one is a line of the stack's log.
  setReminderSink(async (r) => log(`reminder → ${r.to} (${r.agency}): ${r.subject}`));
  const publishing: LocalPublishing = startLocalPublishing({ dir: publishedDir(opts.dataDir), log });

  const addinRoot = resolve(opts.addinDir);
  const adapter = { domainName: `localhost:${port}`, verify: (t: string) => verifyDevToken(key, t) };

  async function handle(req: IncomingMessage): Promise<LocalResponse> {
    const [path = '/', rawQuery = ''] = (req.url ?? '/').split(/\?(.*)/s);
    const method = (req.method ?? 'GET').toUpperCase();
    const body = await readRequest(req);
    if (body === 'too-large') return jsonResponse(413, { message: 'Request Entity Too Large' });
    if (path === `${API_BASE}${LOCAL_ROUTES.devToken.path}` && method === LOCAL_ROUTES.devToken.method) {
      try {
        const who = JSON.parse(body.toString('utf8') || '{}') as {
          agency?: unknown;
          agencyName?: unknown;
          office?: unknown;
          admin?: unknown;
        };
        const token = await signDevToken(key, {
          ...(typeof who.agency === 'string' ? { agency: who.agency.trim() } : {}),
          ...(typeof who.agencyName === 'string' && who.agencyName.trim() ? { agencyName: who.agencyName.trim() } : {}),
          ...(typeof who.office === 'string' && who.office.trim() ? { office: who.office.trim() } : {}),
          admin: who.admin === true,
        });
        return jsonResponse(200, { token });
      } catch (e) {
        if (!(e instanceof DevTokenError) && !(e instanceof SyntaxError)) throw e;
        return jsonResponse(400, {
          code: 'E-DEV-TOKEN',
          message: { zh: `无法签发开发令牌：${e.message}`, en: `Cannot issue a dev token: ${e.message}` },
        });
      }
    }
    if (path === API_BASE || path.startsWith(`${API_BASE}/`)) {
      const request: LocalRequest = {
        method,
        path,
        rawQuery,
        headers: headersOf(req),
        body,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
      };
      return dispatch(request, adapter);
    }
    if (method !== 'GET' && method !== 'HEAD') return jsonResponse(405, { message: 'Method Not Allowed' });
    if (path === '/') return landingPage(url, addinBuilt);
    const published = await publishing.serve(path);
    if (published) return published;
    return (await staticFile(addinRoot, path)) ?? jsonResponse(404, { message: 'Not Found' });
  }

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    const started = Date.now();
    handle(req).then(
      (r) => {
        send(res, req.method === 'HEAD' ? { ...r, body: Buffer.alloc(0) } : r);
        log(`${req.method} ${(req.url ?? '').split('?')[0]} ${r.status} ${Date.now() - started}ms`);
      },
      (err: unknown) => {
        log(`${req.method} ${req.url} 500 ${(err as Error).stack ?? String(err)}`);
        send(
          res,
          jsonResponse(500, { code: 'E-INTERNAL', message: { zh: '服务器内部错误', en: 'Internal server error' } }),
        );
      },
    );
  };

  // Loopback only (the dev token route must not be reachable from the network), on IPv4 and, where present, IPv6.
  const servers: Server[] = [];
  const listen = (host: string) =>
    new Promise<Server | undefined>((resolvePromise, reject) => {
      const server = createServer({ cert: certs.cert, key: certs.key }, onRequest);
      // Idle keep-alive connections stay open a minute (Node's 5 s closes them while a client may be reusing one,
      // which then fails with ECONNRESET): clients' pauses between requests, e.g. a clerk's between submissions.
      server.keepAliveTimeout = 60_000;
      server.headersTimeout = 65_000;
      server.once('error', (e: NodeJS.ErrnoException) => {
        if (host === '::1' && (e.code === 'EADDRNOTAVAIL' || e.code === 'EAFNOSUPPORT')) resolvePromise(undefined);
        else reject(e);
      });
      server.listen(port, host, () => resolvePromise(server));
    });
  try {
    const v4 = (await listen('127.0.0.1'))!;
    servers.push(v4);
    port = (v4.address() as AddressInfo).port;
    url = `https://localhost:${port}`;
    adapter.domainName = `localhost:${port}`;
    // The builder has no request to take the host from: the published files link to this origin.
    configureFunctions({ ...readEnv(), publicBaseUrl: url });
    const v6 = await listen('::1');
    if (v6) servers.push(v6);
    if (opts.buildAddin) {
      await buildAddinInto(opts.addinDir, url);
      addinBuilt = true;
    }
  } catch (e) {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    await publishing.close();
    await dynamo.close();
    lock.release();
    throw e;
  }
  lock.listening(port, url);

  return {
    url,
    apiBase: `${url}${API_BASE}`,
    dynamoEndpoint: dynamo.endpoint,
    tableName,
    certs,
    addinBuilt,
    publishing,
    async close() {
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((r) => {
              s.close(() => r());
              s.closeAllConnections();
            }),
        ),
      );
      await publishing.close();
      await dynamo.close();
      lock.release();
    },
  };
}
