/**
 * Idempotency-Keys of submissions: one claim item per (agency, key), put on condition before any write. Nothing
 * completes it: the version a submission stores records its key, so a request meeting a claim with the same request
 * finds that version (and replays it) or, finding none, knows the claim's owner is still at work. A claim is released
 * when its submission is refused (a corrected retry is judged afresh), never once its version may be stored; a
 * claim left by a crashed invocation is taken over after LOCK_MS. Claims expire by TTL.
 */
import { FUNCTION_TIMEOUT_SECONDS } from '../env';
import { isConditionFailed, table } from './client';
import { KEY, TTL_ATTRIBUTE, keys } from './table';

/**
 * How long a claim blocks the same key from being taken over: twice the functions' timeout, so a claim this old
 * belongs to an invocation that is gone (a crash, a killed local server) and its retry need not wait long.
 */
export const LOCK_MS = 2 * FUNCTION_TIMEOUT_SECONDS * 1000;
/** How long a key is remembered. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;

export type Claim =
  /** Ours. `takeover`: an earlier claim of the same request had lapsed, its version may exist. `lock` names it. */
  | { readonly outcome: 'claimed'; readonly takeover: boolean; readonly lock: number }
  /** Held by an earlier request with the same key and body: finished (its version exists) or still at work. */
  | { readonly outcome: 'held' }
  /** The key was used for another request. */
  | { readonly outcome: 'mismatch' };

const keyOf = (agency: string, key: string) => ({ [KEY.partition]: keys.idempotency(agency, key), [KEY.sort]: keys.idempotencySort });

export async function claimIdempotency(agency: string, key: string, requestHash: string, now = Date.now()): Promise<Claim> {
  const { db } = table();
  const nowSec = Math.floor(now / 1000);
  const lock = now + LOCK_MS;
  const item = { ...keyOf(agency, key), type: 'idempotency', requestHash, lockedUntil: lock, [TTL_ATTRIBUTE]: nowSec + IDEMPOTENCY_TTL_SECONDS };
  /** Puts our claim on a condition; false when it does not hold. */
  const put = async (condition: string, names: Record<string, string>, values?: Record<string, unknown>) => {
    try {
      await db.put({ Item: item, ConditionExpression: condition, ExpressionAttributeNames: names, ...(values ? { ExpressionAttributeValues: values } : {}) });
      return true;
    } catch (err) {
      if (!isConditionFailed(err)) throw err;
      return false;
    }
  };
  // A new key: one put on the simplest condition. Anything else is looked at first, then replaced on the condition
  // that it is still what was seen.
  if (await put('attribute_not_exists(#pk)', { '#pk': KEY.partition })) return { outcome: 'claimed', takeover: false, lock };
  for (let attempt = 0; attempt < 3; attempt++) {
    const seen = (await db.get({ Key: keyOf(agency, key), ConsistentRead: true })).Item;
    if (!seen) {
      if (await put('attribute_not_exists(#pk)', { '#pk': KEY.partition })) return { outcome: 'claimed', takeover: false, lock };
      continue;
    }
    const expired = (seen[TTL_ATTRIBUTE] as number) < nowSec;
    if (!expired && seen.requestHash !== requestHash) return { outcome: 'mismatch' };
    // Still within its lock (or a record without one): its owner is at work, or done and its version is the answer.
    const lockedUntil = seen.lockedUntil as number | undefined;
    if (!expired && (lockedUntil === undefined || lockedUntil >= now)) return { outcome: 'held' };
    const replaced = expired
      ? await put('#exp = :exp', { '#exp': TTL_ATTRIBUTE }, { ':exp': seen[TTL_ATTRIBUTE] })
      : await put('#lu = :lu', { '#lu': 'lockedUntil' }, { ':lu': lockedUntil });
    // An expired record is forgotten; a lapsed claim of this very request is taken over (its version may exist).
    if (replaced) return { outcome: 'claimed', takeover: !expired, lock };
  }
  return { outcome: 'held' };
}

/** Gives up our claim (`lock` from claimIdempotency; nothing was stored): the key may be used again. */
export async function releaseIdempotency(agency: string, key: string, requestHash: string, lock: number): Promise<void> {
  const { db } = table();
  try {
    await db.delete({
      Key: keyOf(agency, key),
      ConditionExpression: 'requestHash = :hash AND lockedUntil = :lock',
      ExpressionAttributeValues: { ':hash': requestHash, ':lock': lock },
    });
  } catch (err) {
    if (!isConditionFailed(err)) throw err;
  }
}
