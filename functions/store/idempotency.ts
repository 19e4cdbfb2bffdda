/**
 * Idempotency-Keys of submissions, claimed together with the version number the submission will store under: one
 * UpdateItem on the report partition's COUNTER item sets `claims.<key>` and adds 1 to `versions`, on condition that
 * the key is free. So an accepted submission costs one write for both, not two.
 *
 * Nothing completes a claim: the version a submission stores records its key, so a request meeting a claim with
 * the same request finds that version (and replays it) or, finding none, knows the claim's owner is still at work.
 * A claim is released when its version cannot be stored (a corrected retry is judged afresh), never once its version
 * may be stored; a claim left by a crashed invocation is taken over after LOCK_MS. A key is remembered for a day:
 * an expired claim is replaced, and expired claims are dropped from the map every TIDY_EVERY new claims, when the
 * limit on live claims (which bounds the item's size) is checked too.
 */
import { FUNCTION_TIMEOUT_SECONDS } from '../env';
import { isConditionFailed, table } from './client';
import { KEY, keys } from './table';

/**
 * How long a claim blocks the same key from being taken over: twice the functions' timeout, so a claim this old
 * belongs to an invocation that is gone (a crash, a killed local server) and its retry need not wait long.
 */
export const LOCK_MS = 2 * FUNCTION_TIMEOUT_SECONDS * 1000;
/** How long a key is remembered. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;
/**
 * Live claims one report partition holds at most (a claim is ~250 bytes, so the COUNTER item stays far below
 * DynamoDB's 400 KB even when a client submits one report hundreds of times a day). Checked when the map is tidied,
 * so it may be passed by the claims made in the meantime, never by more than TIDY_EVERY.
 */
export const MAX_CLAIMS = 500;
/** After this many new claims the map is tidied: expired claims dropped, live ones counted. */
export const TIDY_EVERY = 32;

/**
 * One claim in the COUNTER item's `claims` map, as one short string: the request's hash (128 bits of it, base64url)
 * and when it was claimed (epoch ms, base 36). Its lock and expiry follow from that time. Short, because every
 * claim of the last day is read and written with each new one; and whole, so conditions compare one value.
 */
interface ClaimRecord {
  readonly hash: string;
  readonly at: number;
}

const encode = (r: ClaimRecord) => `${r.hash}:${r.at.toString(36)}`;
function decode(v: unknown): ClaimRecord | undefined {
  if (typeof v !== 'string') return undefined;
  const i = v.lastIndexOf(':');
  return i >= 0 ? { hash: v.slice(0, i), at: parseInt(v.slice(i + 1), 36) } : undefined;
}
/** 128 bits of a request's hex SHA-256, base64url: 22 characters instead of 64. */
const shortHash = (requestHash: string) => Buffer.from(requestHash.slice(0, 32), 'hex').toString('base64url');
const expiresAt = (r: ClaimRecord) => r.at + IDEMPOTENCY_TTL_SECONDS * 1000;
const lockedUntil = (r: ClaimRecord) => r.at + LOCK_MS;

export type Claim =
  /**
   * Ours, with the version number reserved for it. `takeover`: an earlier claim of the same request had lapsed, its
   * version may exist. `claim` is its stored value (to release it by).
   */
  | { readonly outcome: 'claimed'; readonly takeover: boolean; readonly claim: string; readonly version: number }
  /** Held by an earlier request with the same key and body: finished (its version exists) or still at work. */
  | { readonly outcome: 'held' }
  /** The key was used for another request. */
  | { readonly outcome: 'mismatch' }
  /** The partition holds MAX_CLAIMS live claims: no new key today. */
  | { readonly outcome: 'full' };

const CLAIMS = 'claims';
const VERSIONS = 'versions';
/** New claims since the map was last tidied. */
const ADDED = 'claimsAdded';
const counterKey = (pk: string) => ({ [KEY.partition]: pk, [KEY.sort]: keys.counter });
const claimsOf = (item: Record<string, unknown> | undefined) => item?.[CLAIMS] as Record<string, string> | undefined;

/**
 * Claims `key` for a submission to the report of (agency, year) and reserves its version number. A new key (the
 * normal case) takes one UpdateItem on the simplest condition (the key is not in the map) and answers only what it
 * changed; a key already there is looked at and, if its claim expired or lapsed, replaced on the condition that it is
 * still what was seen.
 */
export async function claimIdempotency(
  agency: string,
  year: number,
  key: string,
  requestHash: string,
  now = Date.now(),
): Promise<Claim> {
  const { db } = table();
  const pk = keys.report(agency, year);
  const hash = shortHash(requestHash);
  const mine = encode({ hash, at: now });
  /** Sets our claim and takes the next number on a condition; what changed, or undefined when the condition fails. */
  const update = async (
    set: string,
    condition: string,
    names: Record<string, string>,
    values: Record<string, unknown>,
  ) => {
    try {
      const out = await db.update({
        Key: counterKey(pk),
        UpdateExpression: `SET ${set} ADD #n :one, #a :one`,
        ConditionExpression: condition,
        ExpressionAttributeNames: { '#c': CLAIMS, '#n': VERSIONS, '#a': ADDED, ...names },
        ExpressionAttributeValues: { ':one': 1, ...values },
        ReturnValues: 'UPDATED_NEW',
      });
      return out.Attributes;
    } catch (err) {
      if (isConditionFailed(err)) return undefined;
      // The map does not exist yet (a path into a missing map is invalid): looked at below, like a failed condition.
      if ((err as { name?: string }).name === 'ValidationException') return 'invalid' as const;
      throw err;
    }
  };
  const claimed = async (changed: Record<string, unknown>, takeover: boolean): Promise<Claim> => {
    if (Number(changed[ADDED]) >= TIDY_EVERY && (await tidy(pk, now)) > MAX_CLAIMS) {
      await releaseIdempotency(agency, year, key, mine);
      return { outcome: 'full' };
    }
    return { outcome: 'claimed', takeover, claim: mine, version: Number(changed[VERSIONS]) };
  };
  /** Our claim where the key is free; `seen`: where it still holds the claim that was seen (expired or lapsed). */
  const put = (seen?: string) =>
    update(
      '#c.#k = :mine',
      seen ? '#c.#k = :seen' : 'attribute_not_exists(#c.#k)',
      { '#k': key },
      { ':mine': mine, ...(seen ? { ':seen': seen } : {}) },
    );

  const first = await put();
  if (first && first !== 'invalid') return claimed(first, false);
  for (let attempt = 0; attempt < 3; attempt++) {
    const claims = claimsOf((await db.get({ Key: counterKey(pk), ConsistentRead: true })).Item);
    if (!claims) {
      // The partition's first claim: the map is created with it.
      const made = await update('#c = :map', 'attribute_not_exists(#c)', {}, { ':map': { [key]: mine } });
      if (made && made !== 'invalid') return claimed(made, false);
      continue;
    }
    const stored = claims[key];
    const seen = decode(stored);
    const free = !seen || expiresAt(seen) < now;
    // A lapsed claim of this very request is taken over (its version may exist: the caller looks first).
    const takeover = !free && seen.hash === hash && lockedUntil(seen) < now;
    if (!free && !takeover) return seen.hash === hash ? { outcome: 'held' } : { outcome: 'mismatch' };
    // Gone meanwhile (released), expired or lapsed: replaced on condition that it is still what was seen.
    const done = await put(stored);
    // The map exists (maps are never removed): an invalid update here is a fault, not a missing map.
    if (done === 'invalid') throw new Error(`${pk}: the claim update was refused as invalid`);
    if (done) return claimed(done, takeover);
  }
  return { outcome: 'held' };
}

/** Gives up our claim (`claim` from claimIdempotency; nothing was stored): the key may be used again. */
export async function releaseIdempotency(agency: string, year: number, key: string, claim: string): Promise<void> {
  const { db } = table();
  try {
    await db.update({
      Key: counterKey(keys.report(agency, year)),
      UpdateExpression: 'REMOVE #c.#k',
      ConditionExpression: '#c.#k = :claim',
      ExpressionAttributeNames: { '#c': CLAIMS, '#k': key },
      ExpressionAttributeValues: { ':claim': claim },
    });
  } catch (err) {
    if (!isConditionFailed(err)) throw err;
  }
}

/** Whether a live claim of `key` is this request's (to tell a retry of an accepted request from a new one). */
export async function claimedBy(
  agency: string,
  year: number,
  key: string,
  requestHash: string,
  now = Date.now(),
): Promise<boolean> {
  const { db } = table();
  const item = (await db.get({ Key: counterKey(keys.report(agency, year)), ConsistentRead: true })).Item;
  const seen = decode(claimsOf(item)?.[key]);
  return seen !== undefined && expiresAt(seen) >= now && seen.hash === shortHash(requestHash);
}

/**
 * Drops the expired claims and restarts the count of new ones (one read, one update on the condition that the
 * expired claims are still the ones seen); returns how many live claims the map holds. Near MAX_CLAIMS the count is
 * left as it is, so every new claim checks the limit. Best effort: what is left over is tidied next time.
 */
async function tidy(pk: string, now: number): Promise<number> {
  const { db } = table();
  const claims = claimsOf((await db.get({ Key: counterKey(pk), ConsistentRead: true })).Item) ?? {};
  const entries = Object.entries(claims);
  const allExpired = entries.filter(([, c]) => expiresAt(decode(c) ?? { hash: '', at: 0 }) < now);
  const live = entries.length - allExpired.length;
  // At most 100 in one update (its expression stays small); the rest go next time.
  const expired = allExpired.slice(0, 100);
  const names: Record<string, string> = { '#a': ADDED };
  const values: Record<string, unknown> = { ':added': live >= MAX_CLAIMS - TIDY_EVERY ? TIDY_EVERY : 0 };
  if (expired.length > 0) names['#c'] = CLAIMS;
  expired.forEach(([k, c], i) => {
    names[`#k${i}`] = k;
    values[`:v${i}`] = c;
  });
  try {
    await db.update({
      Key: counterKey(pk),
      UpdateExpression: `SET #a = :added${expired.length > 0 ? ` REMOVE ${expired.map((_, i) => `#c.#k${i}`).join(', ')}` : ''}`,
      ...(expired.length > 0 ? { ConditionExpression: expired.map((_, i) => `#c.#k${i} = :v${i}`).join(' AND ') } : {}),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    });
  } catch {
    // Whatever failed (a claim renewed meanwhile, throttling), a later claim tidies again; the submission that
    // triggered it is already claimed and goes on.
  }
  return live;
}
