/**
 * Local development tokens: an ES256 key generated on first use into the data folder, tokens with the Cognito
 * ID-token claims the handlers read (custom:agency, custom:agency_name, cognito:groups), verification as API
 * Gateway's JWT authorizer does it, and the claims in the form that authorizer hands to Lambda (all strings).
 * Local only: never deployed.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  SignJWT,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  type JWK,
  type JWTPayload,
  type KeyLike,
} from 'jose';
import { ADMIN_GROUP, CLAIMS } from '../contract/auth';
import { AGENCY_ID } from '../contract/limits';

export const DEV_ISSUER = 'https://localhost/nianbao-dev';
export const DEV_AUDIENCE = 'nianbao-local';
export const DEV_KEY_FILE = 'dev-signing-key.json';
const ALG = 'ES256';

export interface DevKey {
  readonly kid: string;
  readonly privateKey: KeyLike;
  readonly publicKey: KeyLike;
}

const cache = new Map<string, Promise<DevKey>>();

async function fromJwk(jwk: JWK): Promise<DevKey> {
  const { d: _d, ...pub } = jwk;
  return {
    kid: jwk.kid!,
    privateKey: (await importJWK(jwk, ALG)) as KeyLike,
    publicKey: (await importJWK(pub, ALG)) as KeyLike,
  };
}

async function loadOrCreate(dataDir: string): Promise<DevKey> {
  const file = join(dataDir, DEV_KEY_FILE);
  try {
    return await fromJwk(JSON.parse(readFileSync(file, 'utf8')) as JWK);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  mkdirSync(dataDir, { recursive: true });
  const { privateKey } = await generateKeyPair(ALG, { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: ALG };
  // Written whole, then renamed: a second process never reads half a key.
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(jwk), { mode: 0o600 });
  renameSync(tmp, file);
  return fromJwk(JSON.parse(readFileSync(file, 'utf8')) as JWK);
}

/** The data folder's dev key, generated there on first use. */
export function devKey(dataDir: string): Promise<DevKey> {
  let hit = cache.get(dataDir);
  if (!hit) {
    hit = loadOrCreate(dataDir);
    hit.catch(() => cache.delete(dataDir));
    cache.set(dataDir, hit);
  }
  return hit;
}

export interface DevIdentity {
  readonly agency?: string;
  readonly agencyName?: string;
  /** A reviewer: the office (a government's id) whose agencies it reviews (custom:office). */
  readonly office?: string;
  readonly admin?: boolean;
  /** Lifetime in hours (default 12). */
  readonly hours?: number;
}

export class DevTokenError extends Error {}

export async function signDevToken(key: DevKey, who: DevIdentity): Promise<string> {
  if (who.agency !== undefined && !AGENCY_ID.test(who.agency)) {
    throw new DevTokenError(`agency must be a lower-case slug like yiyang-hrss, not ${JSON.stringify(who.agency)}`);
  }
  if (who.office !== undefined && !AGENCY_ID.test(who.office)) {
    throw new DevTokenError(`office must be a lower-case slug like yiyang-gov, not ${JSON.stringify(who.office)}`);
  }
  if (!who.agency && !who.admin && !who.office)
    throw new DevTokenError('give an agency or a reviewing office, or ask for an admin token');
  const name = who.agency ?? (who.office ? `${who.office}-office` : 'admin');
  const claims: JWTPayload = {
    token_use: 'id',
    [CLAIMS.username]: `dev-${name}${who.admin && who.agency ? '-admin' : ''}`,
    ...(who.agency ? { [CLAIMS.agency]: who.agency } : {}),
    ...(who.agencyName ? { [CLAIMS.agencyName]: who.agencyName } : {}),
    ...(who.office ? { [CLAIMS.office]: who.office } : {}),
    ...(who.admin ? { [CLAIMS.groups]: [ADMIN_GROUP] } : {}),
  };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: ALG, kid: key.kid, typ: 'JWT' })
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setSubject(`dev:${name}${who.admin ? ':admin' : ''}`)
    .setIssuedAt()
    .setExpirationTime(`${who.hours ?? 12}h`)
    .sign(key.privateKey);
}

/** Tokens whose signature was verified, per key (a clerk's token is sent with every request of a session). */
const verified = new WeakMap<DevKey, Map<string, JWTPayload>>();
const MAX_VERIFIED = 1000;

/**
 * Verifies a bearer token as the JWT authorizer would (signature, issuer, audience, expiry); undefined if not valid.
 * A token verified before is not verified again until it expires: its signature cannot change.
 */
export async function verifyDevToken(key: DevKey, token: string): Promise<JWTPayload | undefined> {
  let cache = verified.get(key);
  const known = cache?.get(token);
  if (known) {
    if (typeof known.exp === 'number' && known.exp * 1000 > Date.now()) return known;
    cache?.delete(token);
  }
  try {
    const { payload } = await jwtVerify(token, key.publicKey, {
      issuer: DEV_ISSUER,
      audience: DEV_AUDIENCE,
      algorithms: [ALG],
    });
    if (!cache) verified.set(key, (cache = new Map()));
    if (cache.size >= MAX_VERIFIED) cache.clear();
    cache.set(token, payload);
    return payload;
  } catch {
    return undefined;
  }
}

/** Claims as API Gateway's JWT authorizer passes them: every value a string, arrays as "[a b]". */
export function apiGatewayClaims(payload: JWTPayload): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(payload)) {
    if (v === undefined || v === null) continue;
    out[k] = Array.isArray(v) ? `[${v.join(' ')}]` : typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
  return out;
}
