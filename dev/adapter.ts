/**
 * The local stand-in for API Gateway: matches a request against the route table, checks the bearer token for
 * non-public routes as the JWT authorizer does (401 {"message":"Unauthorized"} otherwise), builds the payload 2.0
 * event with the verified claims at requestContext.authorizer.jwt.claims, and runs the route's handler module.
 */
import { randomUUID } from 'node:crypto';
import type { JWTPayload } from 'jose';
import { loadHandler } from '../functions/handlers';
import type { ApiEvent, ApiResult } from '../functions/http/api';
import { errorResult } from '../functions/http/response';
import { API_BASE, ROUTES, type RouteDef } from '../contract/routes';
import { apiGatewayClaims } from './devAuth';

export interface LocalRequest {
  readonly method: string;
  /** The path without the query string, as received (percent-encoded). */
  readonly path: string;
  readonly rawQuery: string;
  /** Header names in lower case; repeated headers joined by commas. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  readonly sourceIp?: string;
}

export interface LocalResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

export interface AdapterOptions {
  /** host[:port] the API is reached at (requestContext.domainName). */
  readonly domainName: string;
  /** Verifies a bearer token; undefined when it is not valid. */
  readonly verify: (token: string) => Promise<JWTPayload | undefined>;
}

interface CompiledRoute {
  readonly route: RouteDef;
  readonly pattern: RegExp;
  readonly names: readonly string[];
}

const COMPILED: readonly CompiledRoute[] = ROUTES.map((route) => {
  const names: string[] = [];
  const source = (API_BASE + route.path)
    .split('/')
    .map((seg) => {
      const m = /^\{(\w+)\}$/.exec(seg);
      if (!m) return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(m[1]!);
      return '([^/]+)';
    })
    .join('/');
  return { route, pattern: new RegExp(`^${source}$`), names };
});

export type RouteMatch =
  | { readonly kind: 'route'; readonly route: RouteDef; readonly params: Record<string, string> }
  | { readonly kind: 'method-not-allowed' }
  | { readonly kind: 'bad-path'; readonly segment: string }
  | { readonly kind: 'none' };

export function matchRoute(method: string, path: string): RouteMatch {
  let pathMatched = false;
  for (const c of COMPILED) {
    const m = c.pattern.exec(path);
    if (!m) continue;
    pathMatched = true;
    if (c.route.method !== method) continue;
    const params: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const [i, name] of c.names.entries()) {
      const segment = m[i + 1]!;
      try {
        params[name] = decodeURIComponent(segment);
      } catch {
        return { kind: 'bad-path', segment }; // %ZZ, a lone %, an invalid UTF-8 sequence
      }
    }
    return { kind: 'route', route: c.route, params };
  }
  return pathMatched ? { kind: 'method-not-allowed' } : { kind: 'none' };
}

function textual(contentType: string | undefined, body: Buffer): boolean {
  if (!contentType) return true;
  const ct = contentType.toLowerCase();
  const isText = /^(text\/|application\/(json|xml|x-www-form-urlencoded))/.test(ct);
  const charset = /charset\s*=\s*"?([^";]+)/.exec(ct)?.[1];
  if (!isText || (charset && charset !== 'utf-8' && charset !== 'utf8')) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(body);
    return true;
  } catch {
    return false;
  }
}

export function buildEvent(
  req: LocalRequest,
  route: RouteDef,
  params: Record<string, string>,
  domainName: string,
  claims?: Record<string, string>,
): ApiEvent {
  const routeKey = `${route.method} ${API_BASE}${route.path}`;
  const query = new URLSearchParams(req.rawQuery);
  const queryParams: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const k of new Set(query.keys())) queryParams[k] = query.getAll(k).join(',');
  const now = new Date();
  const asText = textual(req.headers['content-type'], req.body);
  return {
    version: '2.0',
    routeKey,
    rawPath: req.path,
    rawQueryString: req.rawQuery,
    headers: { ...req.headers },
    ...(req.rawQuery ? { queryStringParameters: queryParams } : {}),
    ...(Object.keys(params).length ? { pathParameters: params } : {}),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName,
      domainPrefix: domainName.split('.')[0]!.split(':')[0]!,
      http: {
        method: req.method,
        path: req.path,
        protocol: 'HTTP/1.1',
        sourceIp: req.sourceIp ?? '127.0.0.1',
        userAgent: req.headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      ...(claims ? { authorizer: { jwt: { claims, scopes: null } } } : {}),
    },
    ...(req.body.length ? { body: asText ? req.body.toString('utf8') : req.body.toString('base64') } : {}),
    isBase64Encoded: req.body.length > 0 && !asText,
  };
}

const UNAUTHORIZED: LocalResponse = {
  status: 401,
  headers: { 'content-type': 'application/json', 'www-authenticate': 'Bearer' },
  body: Buffer.from('{"message":"Unauthorized"}'),
};

function toResponse(result: ApiResult): LocalResponse {
  return {
    status: result.statusCode,
    headers: result.headers,
    body: result.isBase64Encoded ? Buffer.from(result.body, 'base64') : Buffer.from(result.body ?? '', 'utf8'),
  };
}

/** Runs one API request (a path under API_BASE) as API Gateway and Lambda would. */
export async function dispatch(req: LocalRequest, opts: AdapterOptions): Promise<LocalResponse> {
  const match = matchRoute(req.method, req.path);
  if (match.kind === 'none')
    return {
      status: 404,
      headers: { 'content-type': 'application/json' },
      body: Buffer.from('{"message":"Not Found"}'),
    };
  if (match.kind === 'bad-path') {
    const segment = match.segment.slice(0, 64);
    return toResponse(errorResult('E-PATH-MALFORMED', { zh: segment, en: segment }));
  }
  if (match.kind === 'method-not-allowed') {
    return {
      status: 405,
      headers: { 'content-type': 'application/json' },
      body: Buffer.from('{"message":"Method Not Allowed"}'),
    };
  }
  let claims: Record<string, string> | undefined;
  if (match.route.auth !== 'public') {
    const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const payload = m ? await opts.verify(m[1]!) : undefined;
    if (!payload) return UNAUTHORIZED;
    claims = apiGatewayClaims(payload);
  }
  const handler = await loadHandler(match.route.handler);
  return toResponse(await handler(buildEvent(req, match.route, match.params, opts.domainName, claims)));
}
