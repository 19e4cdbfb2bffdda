/**
 * Forged, expired and other-agency tokens, 1,000+ cases: random strings, JWT-shaped garbage, `alg: none`, HMAC and
 * foreign-key signatures, tampered payloads and signatures, wrong issuer or audience, expired tokens, and valid
 * tokens of another agency (or of a clerk on admin routes). Expected: 401 or 403 with a clear answer, never a 5xx,
 * nothing stored or decided; a few hundred over HTTPS, the rest through the same adapter.
 */
import fc from 'fast-check';
import { generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { CLAIMS } from '../../contract/auth';
import { DEV_AUDIENCE, DEV_ISSUER, signDevToken } from '../../dev/devAuth';
import { acceptedReport, Tally } from './helpers';
import { expectClearRefusal, startHostileStack, type HostileStack, type Via } from './stack';

jest.setTimeout(120_000);

const VICTIM = 'victim-agency';
const OTHER = 'other-agency';
const YEAR = 2021;
const SEED = 20260602;
const OVER_HTTP_EVERY = 5;

let stack: HostileStack;
let admin: string;
let victim: string;
let stored0: number;
const tally = new Tally();

beforeAll(async () => {
  stack = await startHostileStack('hostile-tokens');
  admin = await signDevToken(stack.key, { admin: true });
  victim = await signDevToken(stack.key, { agency: VICTIM });
  const ok = await stack.call('http', 'POST', '/api/reports', {
    token: victim,
    headers: { 'content-type': 'application/json', 'idempotency-key': 'first' },
    body: JSON.stringify(acceptedReport(YEAR, 'first')),
  });
  expect(ok.status).toBe(201);
  stored0 = await stack.versions(VICTIM, YEAR, admin);
});

afterAll(async () => {
  tally.print('hostile tokens: cases and answers');
  await stack?.close();
});

const b64 = (o: unknown) => Buffer.from(typeof o === 'string' ? o : JSON.stringify(o)).toString('base64url');
const claims = (agency: string, extra: Record<string, unknown> = {}) => ({
  token_use: 'id',
  [CLAIMS.agency]: agency,
  [CLAIMS.username]: `x-${agency}`,
  iss: DEV_ISSUER,
  aud: DEV_AUDIENCE,
  sub: `x:${agency}`,
  iat: Math.floor(Date.now() / 1000),
  exp: Math.floor(Date.now() / 1000) + 3600,
  ...extra,
});

async function sign(
  key: KeyLike | Uint8Array,
  alg: string,
  payload: Record<string, unknown>,
  kid = stack.key.kid,
): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg, kid, typ: 'JWT' }).sign(key);
}

/** What a token is tried on: reading and writing the victim's report, and the admin routes. */
const ROUTES: { method: string; path: string; body?: () => string }[] = [
  { method: 'POST', path: '/api/reports', body: () => JSON.stringify(acceptedReport(YEAR, `forged-${Math.random()}`)) },
  {
    method: 'POST',
    path: `/api/reports?agency=${VICTIM}`,
    body: () => JSON.stringify(acceptedReport(YEAR, `forged-${Math.random()}`)),
  },
  { method: 'GET', path: `/api/reports/${VICTIM}/${YEAR}` },
  { method: 'GET', path: `/api/reports/${VICTIM}/${YEAR}/versions` },
  { method: 'GET', path: `/api/reports/${VICTIM}/${YEAR}/versions/1/original` },
  { method: 'POST', path: `/api/reports/${VICTIM}/${YEAR}/versions/1/publish` },
  { method: 'POST', path: `/api/reports/${VICTIM}/${YEAR}/withdraw` },
  { method: 'GET', path: `/api/reports?year=${YEAR}` },
];

let seq = 0;
async function attempt(category: string, authorization: string, allowed: readonly number[]): Promise<void> {
  const n = ++seq;
  const route = ROUTES[n % ROUTES.length]!;
  const via: Via = n % OVER_HTTP_EVERY === 0 ? 'http' : 'adapter';
  const r = await stack.call(via, route.method, route.path, {
    authorization,
    headers: { 'content-type': 'application/json', 'idempotency-key': `tok-${n}`, 'x-confirm-warnings': 'all' },
    ...(route.body ? { body: route.body() } : {}),
  });
  tally.add(category, r.status);
  tally.add(via === 'http' ? 'all, over HTTPS' : 'all, through the adapter', r.status);
  expectClearRefusal(r, allowed);
}

const sample = <T>(arb: fc.Arbitrary<T>, n: number, salt: number): T[] =>
  fc.sample(arb, { numRuns: n, seed: SEED + salt });

test('forged and expired tokens get 401; valid tokens of another agency or of a clerk on admin routes get 403', async () => {
  const { privateKey: foreignKey } = await generateKeyPair('ES256');
  const valid = await signDevToken(stack.key, { agency: VICTIM });
  const [h, p, s] = valid.split('.') as [string, string, string];

  for (const t of sample(fc.string({ maxLength: 300 }), 150, 1)) await attempt('random strings', `Bearer ${t}`, [401]);
  for (const t of sample(fc.tuple(fc.base64String(), fc.base64String(), fc.base64String()), 100, 2))
    await attempt('JWT-shaped garbage', `Bearer ${t.join('.')}`, [401]);
  for (const t of sample(
    fc.constantFrom('Basic dXNlcjpwYXNz', 'Bearer', 'bearer  ', valid, `Token ${valid}`, `Bearer ${valid} extra`, ''),
    40,
    3,
  ))
    await attempt('malformed Authorization header', t, [401]);
  for (const a of sample(fc.constantFrom(VICTIM, OTHER), 80, 4))
    await attempt('alg none', `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims(a))}.`, [401]);
  for (const secret of sample(fc.uint8Array({ minLength: 32, maxLength: 64 }), 80, 5))
    await attempt('HS256, any secret', `Bearer ${await sign(secret, 'HS256', claims(VICTIM))}`, [401]);
  for (const a of sample(fc.constantFrom(VICTIM, OTHER), 80, 6))
    await attempt(
      'ES256 by a foreign key',
      `Bearer ${await sign(foreignKey, 'ES256', claims(a, { [CLAIMS.groups]: ['admins'] }))}`,
      [401],
    );
  const signature = Buffer.from(s, 'base64url');
  for (const [i, bit] of sample(
    fc.tuple(fc.nat({ max: signature.length - 1 }), fc.integer({ min: 0, max: 7 })),
    100,
    7,
  )) {
    // Flip a bit of the signature itself (flipping the last base64 character may only touch padding bits).
    const flipped = Buffer.from(signature);
    flipped[i]! ^= 1 << bit;
    await attempt('signature tampered', `Bearer ${h}.${p}.${flipped.toString('base64url')}`, [401]);
  }
  const original = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>;
  const changes = fc
    .record(
      {
        [CLAIMS.agency]: fc.constantFrom(OTHER, VICTIM),
        [CLAIMS.groups]: fc.constant(['admins']),
        exp: fc.integer({ min: 4_000_000_000, max: 9_000_000_000 }),
      },
      { requiredKeys: [] },
    )
    .filter((extra) => JSON.stringify({ ...original, ...extra }) !== JSON.stringify(original));
  for (const extra of sample(changes, 100, 8)) {
    const payload = { ...original, ...extra };
    await attempt('payload tampered (admin, agency, expiry)', `Bearer ${h}.${b64(payload)}.${s}`, [401]);
  }
  for (const [iss, aud] of sample(
    fc
      .tuple(fc.constantFrom(DEV_ISSUER, 'https://evil.example', ''), fc.constantFrom(DEV_AUDIENCE, 'other-app', ''))
      .filter(([i, a]) => i !== DEV_ISSUER || a !== DEV_AUDIENCE),
    80,
    9,
  )) {
    await attempt(
      'wrong issuer or audience',
      `Bearer ${await sign(stack.key.privateKey, 'ES256', claims(VICTIM, { iss, aud }))}`,
      [401],
    );
  }
  for (const ago of sample(fc.integer({ min: 10, max: 10 * 365 * 86400 }), 100, 10)) {
    const now = Math.floor(Date.now() / 1000);
    await attempt(
      'expired',
      `Bearer ${await sign(stack.key.privateKey, 'ES256', claims(VICTIM, { iat: now - ago - 3600, exp: now - ago }))}`,
      [401],
    );
  }
  // Valid tokens: another agency's clerk on the victim's report; the victim's own clerk on the admin routes.
  const other = await signDevToken(stack.key, { agency: OTHER });
  for (let i = 0; i < 150; i++) {
    const n = seq + 1;
    const route = ROUTES[n % ROUTES.length]!;
    // POST /reports with the other agency's own token and no ?agency= is that agency's own submission: skip it.
    if (route.path === '/api/reports') {
      seq++;
      continue;
    }
    if (route.path.startsWith('/api/reports?year')) {
      // The year's listing answers a clerk with the own agency only: nothing of the victim's.
      seq++;
      const r = await stack.call(seq % OVER_HTTP_EVERY === 0 ? 'http' : 'adapter', 'GET', route.path, { token: other });
      tally.add('valid token of another agency: year listing', r.status);
      expect(r.status).toBe(200);
      expect(r.text).not.toContain(VICTIM);
      continue;
    }
    const token = route.path.includes('publish') || route.path.includes('withdraw') ? (i % 2 ? victim : other) : other;
    await attempt('valid token, not allowed (other agency / not admin)', `Bearer ${token}`, [403]);
  }
  expect(tally.cases('all, over HTTPS') + tally.cases('all, through the adapter')).toBeGreaterThanOrEqual(1000);
  expect(tally.cases('all, over HTTPS')).toBeGreaterThanOrEqual(200);
});

test('nothing was stored or decided, and the rightful clerk still submits', async () => {
  expect(tally.allStatuses().filter((s) => s >= 500 || s === 201)).toEqual([]);
  expect(await stack.versions(VICTIM, YEAR, admin)).toBe(stored0);
  const state = await stack.call('http', 'GET', `/api/reports/${VICTIM}/${YEAR}`, { token: victim });
  expect(state.status).toBe(200);
  expect(state.json.publication.decision).toBeUndefined();
  const ok = await stack.call('http', 'POST', '/api/reports', {
    token: victim,
    headers: { 'content-type': 'application/json', 'idempotency-key': 'last' },
    body: JSON.stringify(acceptedReport(YEAR, 'last')),
  });
  expect(ok.status).toBe(201);
});
