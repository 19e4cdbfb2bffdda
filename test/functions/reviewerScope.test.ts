/**
 * A reviewer can never read or act on agencies outside the offices it reviews: every route of the route table is
 * called by the reviewer of one office (益阳市) about an agency, or an office, of another (赫山区) and refused with a
 * 403; the same call about its own office's agency is not refused (a control: the 403 is the scope, not the route).
 * The same walk for the other outsiders: the reviewer of the office below (赫山区) about the office above, a clerk of
 * another office's agency, and a clerk of a sibling department of the same office — each refused (403, or 404)
 * everywhere, and the report they aimed at left as its clerk left it. A route added to the table without an entry
 * here fails the test.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_BASE, ROUTES, type RouteDef } from '../../contract/routes';
import { consistentReport, newKey, startRepository, type RequestInit, type TestRepository } from './helpers';

const CSV = readFileSync(join(__dirname, '..', 'fixtures', 'registry', 'agencies.csv'), 'utf8');
const YEAR = 2021;

interface Target {
  /** An agency: the reviewer's own office's (yiyang-hrss) or another office's (heshan-edu). */
  readonly agency: string;
  /** An office: the reviewer's own (yiyang-gov) or another (heshan-gov). */
  readonly office: string;
}

type Call = { method: string; path: string; init?: Omit<RequestInit, 'token'> };

/**
 * How each route is called about a target, and what a reviewer of yiyang-gov may do with its own: 'allowed' (not
 * refused), or the code it is refused with even for its own (admin-only routes, submitting for another agency).
 */
const CALLS: Record<string, { call: (t: Target) => Call; own: 'allowed' | string }> = {
  'POST /reports': {
    call: (t) => ({
      method: 'POST',
      path: `/reports?agency=${t.agency}`,
      init: { headers: { 'idempotency-key': newKey('scope') }, body: consistentReport(YEAR) },
    }),
    own: 'E-AUTH-SCOPE', // only the agency's own clerk submits its report
  },
  'GET /reports': {
    call: (t) => ({ method: 'GET', path: `/reports?year=${YEAR}&agency=${t.agency}` }),
    own: 'allowed',
  },
  'GET /reports/{agency}/{year}': {
    call: (t) => ({ method: 'GET', path: `/reports/${t.agency}/${YEAR}` }),
    own: 'allowed',
  },
  'GET /reports/{agency}/{year}/versions': {
    call: (t) => ({ method: 'GET', path: `/reports/${t.agency}/${YEAR}/versions` }),
    own: 'allowed',
  },
  'GET /reports/{agency}/{year}/versions/{version}': {
    call: (t) => ({ method: 'GET', path: `/reports/${t.agency}/${YEAR}/versions/1` }),
    own: 'allowed',
  },
  'GET /reports/{agency}/{year}/versions/{version}/original': {
    call: (t) => ({ method: 'GET', path: `/reports/${t.agency}/${YEAR}/versions/1/original` }),
    own: 'allowed',
  },
  'POST /reports/{agency}/{year}/versions/{version}/publish': {
    call: (t) => ({ method: 'POST', path: `/reports/${t.agency}/${YEAR}/versions/1/publish`, init: { body: {} } }),
    own: 'E-AUTH-ADMIN',
  },
  'POST /reports/{agency}/{year}/withdraw': {
    call: (t) => ({ method: 'POST', path: `/reports/${t.agency}/${YEAR}/withdraw`, init: { body: {} } }),
    own: 'E-AUTH-ADMIN',
  },
  'POST /reports/{agency}/{year}/return': {
    call: (t) => ({
      method: 'POST',
      path: `/reports/${t.agency}/${YEAR}/return`,
      init: { body: { reason: '请核对' } },
    }),
    own: 'allowed',
  },
  'POST /reports/{agency}/{year}/accept': {
    call: (t) => ({ method: 'POST', path: `/reports/${t.agency}/${YEAR}/accept`, init: { body: {} } }),
    own: 'allowed',
  },
  'POST /reports/{agency}/{year}/nothing-to-report': {
    call: (t) => ({
      method: 'POST',
      path: `/reports/${t.agency}/${YEAR}/nothing-to-report`,
      init: { body: { reason: '无' } },
    }),
    own: 'allowed',
  },
  'GET /review/{year}': {
    call: (t) => ({ method: 'GET', path: `/review/${YEAR}?office=${t.office}` }),
    own: 'allowed',
  },
  'POST /review/{year}/reminders': {
    call: (t) => ({ method: 'POST', path: `/review/${YEAR}/reminders?office=${t.office}` }),
    own: 'allowed',
  },
  'GET /review/{year}/consolidated': {
    call: (t) => ({ method: 'GET', path: `/review/${YEAR}/consolidated?office=${t.office}` }),
    own: 'allowed',
  },
  'POST /agencies': {
    call: () => ({ method: 'POST', path: '/agencies', init: { headers: { 'content-type': 'text/csv' }, body: CSV } }),
    own: 'E-AUTH-ADMIN',
  },
  'GET /agencies': { call: (t) => ({ method: 'GET', path: `/agencies?office=${t.office}` }), own: 'allowed' },
  'GET /agencies/{agency}': { call: (t) => ({ method: 'GET', path: `/agencies/${t.agency}` }), own: 'allowed' },
};

const key = (r: RouteDef) => `${r.method} ${r.path}`;
const PRIVATE = ROUTES.filter((r) => r.auth !== 'public');

let repo: TestRepository;
let reviewer: string;
beforeAll(async () => {
  repo = await startRepository('reviewer-scope');
  const admin = await repo.token({ admin: true });
  expect(
    (await repo.request('POST', '/api/agencies', { token: admin, headers: { 'content-type': 'text/csv' }, body: CSV }))
      .status,
  ).toBe(200);
  for (const [agency, name] of [
    ['yiyang-hrss', '益阳市人力资源和社会保障局'],
    ['yiyang-edu', '益阳市教育局'],
    ['heshan-edu', '益阳市赫山区教育局'],
  ] as const) {
    const clerk = await repo.token({ agency });
    const sent = await repo.request('POST', '/api/reports', {
      token: clerk,
      headers: { 'idempotency-key': newKey('seed') },
      body: consistentReport(YEAR, name),
    });
    expect(sent.status).toBe(201);
  }
  reviewer = await repo.token({ agency: 'yiyang-gov', office: 'yiyang-gov' });
});
afterAll(() => repo.close());

test('every private route of the table has a call here', () => {
  expect(PRIVATE.map(key).filter((k) => !CALLS[k])).toEqual([]);
});

const OUTSIDE: Target = { agency: 'heshan-edu', office: 'heshan-gov' };
const OWN: Target = { agency: 'yiyang-hrss', office: 'yiyang-gov' };

test.each(PRIVATE.map((r) => [key(r)] as const))('%s: refused outside its office, not refused inside', async (k) => {
  const { call, own } = CALLS[k]!;
  const send = async (t: Target) => {
    const c = call(t);
    return repo.request(c.method, `${API_BASE}${c.path}`, { token: reviewer, ...c.init });
  };
  const outside = await send(OUTSIDE);
  expect({ route: k, status: outside.status }).toEqual({ route: k, status: 403 });
  expect(['E-AUTH-SCOPE', 'E-AUTH-ADMIN']).toContain(outside.json.code);
  const inside = await send(OWN);
  if (own === 'allowed') expect({ route: k, status: inside.status }).not.toEqual({ route: k, status: 403 });
  else expect({ route: k, code: inside.json.code }).toEqual({ route: k, code: own });
  // Nothing outside its office changed: the other office's report is as its clerk left it.
  const theirs = await repo.request('GET', `${API_BASE}/reports/heshan-edu/${YEAR}`, {
    token: await repo.token({ agency: 'heshan-edu' }),
  });
  expect(theirs.json).toMatchObject({ version: 1, review: { state: 'submitted' } });
});

/** Tokens that must never reach yiyang-edu (a department of 益阳市) or the desk of its office. */
const OUTSIDERS: Record<string, { agency?: string; office?: string }> = {
  'reviewer of the office below (heshan-gov)': { agency: 'heshan-gov', office: 'heshan-gov' },
  'clerk of another office’s agency (heshan-edu)': { agency: 'heshan-edu' },
  'clerk of a sibling department (yiyang-ftz)': { agency: 'yiyang-ftz' },
};
const AIMED_AT: Target = { agency: 'yiyang-edu', office: 'yiyang-gov' };

test.each(Object.keys(OUTSIDERS).flatMap((who) => PRIVATE.map((r) => [who, key(r)] as const)))(
  '%s → %s: refused',
  async (who, k) => {
    const c = CALLS[k]!.call(AIMED_AT);
    const outsider = await repo.token(OUTSIDERS[who]!);
    const answer = await repo.request(c.method, `${API_BASE}${c.path}`, { token: outsider, ...c.init });
    expect({ who, route: k, refused: [403, 404].includes(answer.status) }).toEqual({ who, route: k, refused: true });
    expect(answer.json.code).toMatch(/^E-AUTH-(SCOPE|ADMIN|REVIEWER|AGENCY)$|^E-NOT-FOUND$/);
    const theirs = await repo.request('GET', `${API_BASE}/reports/yiyang-edu/${YEAR}`, {
      token: await repo.token({ agency: 'yiyang-edu' }),
    });
    expect(theirs.json).toMatchObject({ version: 1, review: { state: 'submitted' } });
  },
);

test.each(Object.keys(OUTSIDERS))('%s: the token itself works (a control: its own agency is readable)', async (who) => {
  const outsider = OUTSIDERS[who]!;
  const own = await repo.request('GET', `${API_BASE}/agencies/${outsider.agency}`, {
    token: await repo.token(outsider),
  });
  expect({ who, status: own.status }).toEqual({ who, status: 200 });
});
