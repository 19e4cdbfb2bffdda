/**
 * The table actions each function's role grants are enough for what the handler really does: every route is called
 * through the local adapter against dynalite, with a recording proxy in front of it, and the DynamoDB operations
 * each handler sent must all be among the actions the CDK app grants it (an action missing there would be an
 * AccessDenied — a 5xx — on AWS only).
 */
import { configureFunctions } from '../../functions/env';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ROUTES, API_BASE, type RouteDef } from '../../contract/routes';
import { TABLE_ACTIONS } from '../../infra/constructs/handler-function';
import { tableAccessOf } from '../../infra/stack';
import { BUILDER_TABLE_ACTIONS } from '../../infra/constructs/published-data';
import { publishedPaths } from '../../contract/published';
import { consistentReport, newKey, startRepository, type TestRepository } from '../functions/helpers';

jest.setTimeout(120_000);

let repo: TestRepository;
let proxy: Server;
/** DynamoDB operations (X-Amz-Target without the version prefix) seen since the last reset. */
let seen: string[] = [];

/** A pass-through proxy to dynalite that notes each request's operation. */
function recordingProxy(target: URL): Promise<Server> {
  const server = createServer((req, res) => {
    const op = String(req.headers['x-amz-target'] ?? '').split('.')[1];
    if (op) seen.push(op);
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    req.pipe(upstream);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

beforeAll(async () => {
  repo = await startRepository('infra-permissions');
  proxy = await recordingProxy(new URL(repo.endpoint));
  configureFunctions({
    tableName: repo.tableName,
    endpoint: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    region: 'local',
  });
});

afterAll(async () => {
  await new Promise((resolve) => proxy?.close(resolve));
  await repo?.close();
});

const AGENCY = 'perm-hrss';
const YEAR = 2021;

/** The route table entry a concrete request matches. */
function routeOf(method: string, path: string): RouteDef {
  const found = ROUTES.find((r) => {
    if (r.method !== method) return false;
    const pattern = new RegExp(`^${API_BASE}${r.path.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    return pattern.test(path.split('?')[0]!);
  });
  if (!found) throw new Error(`no route for ${method} ${path}`);
  return found;
}

test('every handler uses only the DynamoDB actions its role is granted', async () => {
  const agency = await repo.token({ agency: AGENCY, agencyName: '权限测试局' });
  const admin = await repo.token({ admin: true, agency: 'perm-admin' });
  const refused = consistentReport(YEAR + 1);
  refused.values['t3.total.total'] = 999; // breaks the table's sums: refused, and the idempotency claim is released
  const calls: [
    string,
    string,
    { token?: string; body?: object | string; headers?: Record<string, string> },
    number,
  ][] = [
    ['POST', '/api/reports', { token: agency, body: refused, headers: { 'idempotency-key': newKey('perm') } }, 422],
    [
      'POST',
      '/api/reports',
      { token: agency, body: consistentReport(YEAR), headers: { 'idempotency-key': newKey('perm') } },
      201,
    ],
    ['GET', `/api/reports?year=${YEAR}`, { token: agency }, 200],
    ['GET', `/api/reports/${AGENCY}/${YEAR}`, { token: agency }, 200],
    ['GET', `/api/reports/${AGENCY}/${YEAR}/versions`, { token: agency }, 200],
    ['GET', `/api/reports/${AGENCY}/${YEAR}/versions/1`, { token: agency }, 200],
    ['GET', `/api/reports/${AGENCY}/${YEAR}/versions/1/original`, { token: agency }, 200],
    ['POST', `/api/reports/${AGENCY}/${YEAR}/versions/1/publish`, { token: admin, body: {} }, 200],
    ['POST', `/api/reports/${AGENCY}/${YEAR}/withdraw`, { token: admin, body: {} }, 200],
    [
      'POST',
      '/api/agencies',
      {
        token: admin,
        headers: { 'content-type': 'text/csv' },
        body: `机关代码,机关名称,层级,类别,上级政府\nperm-gov,权限市人民政府,市,政府,\n${AGENCY},权限测试局,市,部门,perm-gov\n`,
      },
      200,
    ],
    ['GET', '/api/agencies?office=perm-gov', { token: admin }, 200],
    ['POST', `/api/reports/${AGENCY}/${YEAR}/return`, { token: admin, body: { reason: '请核对表三' } }, 200],
    ['GET', `/api/review/${YEAR}?office=perm-gov`, { token: admin }, 200],
    ['POST', `/api/review/${YEAR}/reminders?office=perm-gov`, { token: admin }, 200],
    ['GET', `/api/review/${YEAR}/consolidated?office=perm-gov&format=xlsx`, { token: admin }, 200],
    ['GET', `/api/agencies/${AGENCY}`, { token: agency }, 200],
  ];
  const used = new Map<string, Set<string>>();
  // The handlers alone: the publishing builder (its own function on AWS) is checked below.
  repo.publishing.setEnabled(false);
  for (const [method, path, init, status] of calls) {
    seen = [];
    const answer = await repo.request(method, path, init);
    expect({ method, path, status: answer.status }).toEqual({ method, path, status });
    const { handler } = routeOf(method, path);
    const ops = used.get(handler) ?? new Set<string>();
    for (const op of seen) ops.add(`dynamodb:${op}`);
    used.set(handler, ops);
  }
  // Every handler of the route table was exercised.
  expect([...used.keys()].sort()).toEqual([...new Set(ROUTES.map((r) => r.handler))].sort());
  for (const [handler, ops] of used) {
    const granted = TABLE_ACTIONS[tableAccessOf(handler, ROUTES)];
    expect({ handler, beyondGrant: [...ops].filter((op) => !granted.includes(op)) }).toEqual({
      handler,
      beyondGrant: [],
    });
  }
  // The recording saw the table (a proxy that records nothing would pass the check above vacuously), and the
  // submission really writes (a claim and a version: PutItem) and reads its latest versions and last year (Query,
  // GetItem). UpdateItem it needs only to release or take over a claim, which this run may not meet.
  expect([...used.get('submitReport')!]).toEqual(
    expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:Query']),
  );
  expect([...used.get('listReports')!]).toEqual(expect.arrayContaining(['dynamodb:Query']));
});

test('the publishing builder uses only the DynamoDB actions its role is granted (a publish, a withdrawal, a rebuild)', async () => {
  repo.publishing.setEnabled(true);
  const agency = await repo.token({ agency: 'perm-builder', agencyName: '构建权限局' });
  const admin = await repo.token({ admin: true, agency: 'perm-admin' });
  await repo.publishing.settled();
  const submitted = await repo.request('POST', '/api/reports', {
    token: agency,
    body: consistentReport(YEAR),
    headers: { 'idempotency-key': newKey('perm') },
  });
  expect(submitted.status).toBe(201);
  await repo.request('POST', `/api/reports/perm-builder/${YEAR}/withdraw`, { token: admin, body: {} });
  // What the handlers did is not the builder's: count from the moment they are done.
  await new Promise((r) => setImmediate(r));
  seen = [];
  await repo.publishing.settled();
  await repo.publishing.rebuild(YEAR);
  const ops = new Set(seen.map((op) => `dynamodb:${op}`));
  expect([...ops].filter((op) => !(BUILDER_TABLE_ACTIONS as readonly string[]).includes(op))).toEqual([]);
  expect([...ops]).toEqual(expect.arrayContaining(['dynamodb:Query', 'dynamodb:PutItem']));
  expect((await repo.request('GET', publishedPaths.report('perm-builder', YEAR))).status).toBe(410);
});
