/**
 * The auth matrix: no or bad token → 401 (the JWT authorizer), another agency's reports → 403, admin actions only
 * for the admins group; the handlers enforce the scope themselves too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { handler as getReport } from '../../functions/handlers/getReport';
import { handler as submitReport } from '../../functions/handlers/submitReport';
import { groupsOf } from '../../functions/http/auth';
import { buildEvent, matchRoute } from '../../dev/adapter';
import { devKey, signDevToken } from '../../dev/devAuth';
import { API_BASE, ROUTES } from '../../contract/routes';
import { consistentReport, newKey, startRepository, type TestRepository } from './helpers';

let repo: TestRepository;
let tokenA: string;
let tokenB: string;
let admin: string;

beforeAll(async () => {
  repo = await startRepository('auth');
  tokenA = await repo.token({ agency: 'agency-a', agencyName: '甲局' });
  tokenB = await repo.token({ agency: 'agency-b', agencyName: '乙局' });
  admin = await repo.token({ admin: true });
  const r = await repo.request('POST', '/api/reports', {
    token: tokenB,
    body: consistentReport(2021),
    headers: { 'idempotency-key': newKey() },
  });
  expect(r.status).toBe(201);
});
afterAll(() => repo.close());

/** A concrete path for a route template. */
const concrete = (path: string) =>
  API_BASE + path.replace('{agency}', 'agency-b').replace('{year}', '2021').replace('{version}', '1');

describe('401 without a valid token', () => {
  const guarded = ROUTES.filter((r) => r.auth !== 'public');
  test.each(guarded.map((r) => [`${r.method} ${r.path}`, r] as const))('%s', async (_name, route) => {
    const none = await repo.request(route.method, concrete(route.path));
    expect(none.status).toBe(401);
    const garbage = await repo.request(route.method, concrete(route.path), { token: 'not.a.jwt' });
    expect(garbage.status).toBe(401);
  });

  test('a token signed by another key, or expired, is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-otherkey-'));
    try {
      const foreign = await signDevToken(await devKey(dir), { agency: 'agency-b' });
      expect((await repo.request('GET', '/api/reports/agency-b/2021', { token: foreign })).status).toBe(401);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const expired = await repo.token({ agency: 'agency-b', hours: -1 });
    expect((await repo.request('GET', '/api/reports/agency-b/2021', { token: expired })).status).toBe(401);
  });

  test('a token accepted before is refused once it has expired (verified tokens are remembered only until then)', async () => {
    const token = await repo.token({ agency: 'agency-b', hours: 1 });
    expect((await repo.request('GET', '/api/reports/agency-b/2021', { token })).status).toBe(200);
    jest.useFakeTimers({
      now: Date.now() + 2 * 3600 * 1000,
      doNotFake: [
        'nextTick',
        'setImmediate',
        'setTimeout',
        'clearTimeout',
        'setInterval',
        'clearInterval',
        'queueMicrotask',
        'hrtime',
        'performance',
      ],
    });
    try {
      expect((await repo.request('GET', '/api/reports/agency-b/2021', { token })).status).toBe(401);
    } finally {
      jest.useRealTimers();
    }
  });

  test('public routes need no token', async () => {
    for (const r of ROUTES.filter((x) => x.auth === 'public')) {
      const a = await repo.request(r.method, concrete(r.path));
      expect(a.status).toBe(200);
    }
  });
});

describe("an agency's token cannot reach another agency's reports (403)", () => {
  const reads = [
    '/api/reports/agency-b/2021',
    '/api/reports/agency-b/2021/versions',
    '/api/reports/agency-b/2021/versions/1',
    '/api/reports/agency-b/2021/versions/1/original',
    '/api/reports?agency=agency-b&year=2021',
  ];
  test.each(reads)('GET %s', async (path) => {
    const r = await repo.request('GET', path, { token: tokenA });
    expect(r.status).toBe(403);
    expect(r.json.code).toBe('E-AUTH-SCOPE');
    // …while its owner can.
    expect((await repo.request('GET', path, { token: tokenB })).status).toBe(200);
  });

  test('nor submit for it', async () => {
    const r = await repo.request('POST', '/api/reports?agency=agency-b', {
      token: tokenA,
      body: consistentReport(2022),
      headers: { 'idempotency-key': newKey() },
    });
    expect(r.status).toBe(403);
    expect(r.json.code).toBe('E-AUTH-SCOPE');
    expect((await repo.request('GET', '/api/reports/agency-b/2022', { token: admin })).status).toBe(404);
  });

  test('its own listing shows only itself', async () => {
    const r = await repo.request('GET', '/api/reports?year=2021', { token: tokenA });
    expect(r.status).toBe(200);
    expect(r.json.reports.map((x: { agency: string }) => x.agency)).toEqual(['agency-a']);
    expect(r.json.reports[0]).toMatchObject({ submitted: false, agencyName: '甲局' });
  });

  test('admin actions are for admins only', async () => {
    for (const path of ['/api/reports/agency-b/2021/withdraw', '/api/reports/agency-b/2021/versions/1/publish']) {
      for (const token of [tokenA, tokenB]) {
        const r = await repo.request('POST', path, { token });
        expect(r.status).toBe(403);
        expect(r.json.code).toBe('E-AUTH-ADMIN');
      }
    }
  });
});

describe('admins', () => {
  test('read every agency and see who has not submitted', async () => {
    expect((await repo.request('GET', '/api/reports/agency-b/2021', { token: admin })).status).toBe(200);
    expect(
      (
        await repo.request('POST', '/api/reports', {
          token: tokenA,
          body: consistentReport(2022),
          headers: { 'idempotency-key': newKey() },
        })
      ).status,
    ).toBe(201);
    // 2022: agency-a has submitted; agency-b reported for 2021, so it is expected for 2022 and has not submitted.
    const r = await repo.request('GET', '/api/reports?year=2022', { token: admin });
    expect(r.status).toBe(200);
    const byAgency = Object.fromEntries(r.json.reports.map((x: { agency: string }) => [x.agency, x]));
    expect(byAgency['agency-a']).toMatchObject({
      submitted: true,
      latest: { version: 1 },
      publication: { state: 'published', version: 1 },
    });
    expect(byAgency['agency-b']).toMatchObject({ submitted: false, agencyName: '测试市人力资源和社会保障局' });
    expect(r.json).toMatchObject({ year: 2022, submitted: 1, notSubmitted: 1 });
    // 2021: agency-b has submitted; agency-a, first heard of in 2022 and not registered, is not expected then.
    const earlier = await repo.request('GET', '/api/reports?year=2021', { token: admin });
    expect(earlier.json.reports.map((x: { agency: string }) => x.agency)).toEqual(['agency-b']);
    expect(earlier.json).toMatchObject({ year: 2021, submitted: 1, notSubmitted: 0 });
  });

  test('may submit for an agency with ?agency=; a token naming no agency must say which', async () => {
    const noAgency = await repo.request('POST', '/api/reports', {
      token: admin,
      body: consistentReport(2023),
      headers: { 'idempotency-key': newKey() },
    });
    expect(noAgency.status).toBe(403);
    expect(noAgency.json.code).toBe('E-AUTH-AGENCY');
    const r = await repo.request('POST', '/api/reports?agency=agency-b', {
      token: admin,
      body: consistentReport(2023),
      headers: { 'idempotency-key': newKey() },
    });
    expect(r.status).toBe(201);
    expect(r.json.submittedBy).toMatchObject({ admin: true });
    expect(r.json.agency).toBe('agency-b');
  });
});

describe('the handlers enforce auth themselves (defence behind the authorizer)', () => {
  const event = (method: string, path: string, claims?: Record<string, string>, body?: string) => {
    const m = matchRoute(method, path);
    if (m.kind !== 'route') throw new Error('no route');
    return buildEvent(
      {
        method,
        path,
        rawQuery: '',
        headers: { 'content-type': 'application/json', 'idempotency-key': newKey() },
        body: Buffer.from(body ?? ''),
      },
      m.route,
      m.params,
      'localhost:3000',
      claims,
    );
  };

  test('no claims → 401 E-AUTH-MISSING', async () => {
    const r = await getReport(event('GET', '/api/reports/agency-b/2021'));
    expect(r.statusCode).toBe(401);
    expect(JSON.parse(r.body).code).toBe('E-AUTH-MISSING');
  });

  test('claims of another agency → 403; API Gateway\'s "[admins]" group string is understood', async () => {
    const other = await getReport(
      event('GET', '/api/reports/agency-b/2021', { sub: 'x', 'custom:agency': 'agency-a' }),
    );
    expect(other.statusCode).toBe(403);
    const asAdmin = await getReport(
      event('GET', '/api/reports/agency-b/2021', { sub: 'x', 'cognito:groups': '[staff admins]' }),
    );
    expect(asAdmin.statusCode).toBe(200);
    const submit = await submitReport(
      event('POST', '/api/reports', { sub: 'x' }, JSON.stringify(consistentReport(2021))),
    );
    expect(JSON.parse(submit.body).code).toBe('E-AUTH-AGENCY');
  });

  test.each([
    [['admins'], ['admins']],
    ['[admins]', ['admins']],
    ['[staff admins]', ['staff', 'admins']],
    ['["admins","x"]', ['admins', 'x']],
    ['admins,staff', ['admins', 'staff']],
    ['', []],
    [undefined, []],
  ] as const)('groupsOf(%p)', (input, expected) => {
    expect(groupsOf(input)).toEqual(expected);
  });
});
