/**
 * Idempotency-Keys of submissions: one small CLAIM#<key> item per key in the report partition, put on condition that
 * the key is free, before the version is stored. It records the request's identity (the hash of the report as read:
 * the same report sent again, even as a freshly exported workbook, is the same request), when it was claimed, and
 * the last version number that existed then (its `basis`): the version stored under the key, if any, is numbered
 * after it, so a retry finds it by reading only the versions since.
 *
 * A key is remembered for good (an item of ~150 bytes per accepted submission): the same key with the same report
 * is answered with what it stored, whenever it comes; with another report it is refused. A claim is released when
 * its version cannot be stored (marked, not deleted: the functions never delete), and taken over after LOCK_MS when
 * the invocation that made it is gone (a crash, a killed local server).
 */
import { FUNCTION_TIMEOUT_SECONDS } from '../env';
import { isConditionFailed, table } from './client';
import { KEY, keys } from './table';

/**
 * How long a claim blocks the same key from being taken over: twice the functions' timeout, so a claim this old
 * belongs to an invocation that is gone and its retry need not wait long.
 */
export const LOCK_MS = 2 * FUNCTION_TIMEOUT_SECONDS * 1000;

export interface ClaimRecord {
  /** The request's identity: the SHA-256 of the report as read. */
  readonly hash: string;
  /** When it was claimed (epoch ms). */
  readonly at: number;
  /** The last version number that existed when it was claimed. */
  readonly basis: number;
  readonly released?: boolean;
}

export type Claim =
  /** Ours. `takeover`: an earlier claim of the same request had lapsed (the caller has looked: nothing stored). */
  | { readonly outcome: 'claimed'; readonly takeover: boolean; readonly record: ClaimRecord }
  /** Held by a claim of the same request: finished (its version exists after `basis`) or still at work. */
  | { readonly outcome: 'held'; readonly record: ClaimRecord; readonly lapsed: boolean }
  /** The key was used for another report. */
  | { readonly outcome: 'mismatch' };

const claimKey = (agency: string, year: number, key: string) => ({
  [KEY.partition]: keys.report(agency, year),
  [KEY.sort]: keys.claim(key),
});

function recordOf(item: Record<string, unknown> | undefined): ClaimRecord | undefined {
  if (!item || typeof item.hash !== 'string') return undefined;
  return {
    hash: item.hash,
    at: Number(item.at),
    basis: Number(item.basis ?? 0),
    ...(item.released ? { released: true } : {}),
  };
}

/** The claim of a key, if any (released ones included). */
export async function readClaim(agency: string, year: number, key: string): Promise<ClaimRecord | undefined> {
  const { db } = table();
  return recordOf((await db.get({ Key: claimKey(agency, year, key), ConsistentRead: true })).Item);
}

/** Puts our claim; `replacing`: on condition that the item still holds that claim (released or lapsed). */
async function put(
  agency: string,
  year: number,
  key: string,
  mine: ClaimRecord,
  replacing?: ClaimRecord,
): Promise<boolean> {
  const { db } = table();
  try {
    await db.put({
      Item: { ...claimKey(agency, year, key), type: 'claim', hash: mine.hash, at: mine.at, basis: mine.basis },
      ConditionExpression: replacing ? '#at = :at' : 'attribute_not_exists(#pk)',
      ExpressionAttributeNames: replacing ? { '#at': 'at' } : { '#pk': KEY.partition },
      ...(replacing ? { ExpressionAttributeValues: { ':at': replacing.at } } : {}),
    });
    return true;
  } catch (err) {
    if (isConditionFailed(err)) return false;
    throw err;
  }
}

/**
 * Claims `key` for a submission of the report whose identity is `hash` to the report partition (agency, year);
 * `basis` is the last version number the caller read. A new key (the normal case) is one conditional put. A key
 * already claimed is looked at: held by the same report (the caller looks for its version), or by another
 * (mismatch); a released claim is replaced.
 */
export async function claimIdempotency(
  agency: string,
  year: number,
  key: string,
  hash: string,
  basis: number,
  now = Date.now(),
): Promise<Claim> {
  const mine: ClaimRecord = { hash, at: now, basis };
  if (await put(agency, year, key, mine)) return { outcome: 'claimed', takeover: false, record: mine };
  for (let attempt = 0; attempt < 3; attempt++) {
    const seen = await readClaim(agency, year, key);
    if (!seen) continue; // cannot happen (claims are never deleted); read again
    if (seen.released) {
      if (await put(agency, year, key, mine, seen)) return { outcome: 'claimed', takeover: false, record: mine };
      continue;
    }
    if (seen.hash !== hash) return { outcome: 'mismatch' };
    return { outcome: 'held', record: seen, lapsed: seen.at + LOCK_MS < now };
  }
  throw new Error(`${keys.report(agency, year)} ${key}: the claim changed under us three times`);
}

/**
 * Takes over a lapsed claim of the same request (the caller has looked: its version was not stored). Undefined when
 * the claim changed meanwhile (another retry took it over first).
 */
export async function takeOverClaim(
  agency: string,
  year: number,
  key: string,
  lapsed: ClaimRecord,
  basis: number,
  now = Date.now(),
): Promise<ClaimRecord | undefined> {
  const mine: ClaimRecord = { hash: lapsed.hash, at: now, basis: Math.min(basis, lapsed.basis) };
  return (await put(agency, year, key, mine, lapsed)) ? mine : undefined;
}

/** Gives up our claim (nothing was stored): the key may be used again, for any report. */
export async function releaseIdempotency(agency: string, year: number, key: string, mine: ClaimRecord): Promise<void> {
  const { db } = table();
  try {
    await db.update({
      Key: claimKey(agency, year, key),
      UpdateExpression: 'SET #r = :true',
      ConditionExpression: '#at = :at',
      ExpressionAttributeNames: { '#r': 'released', '#at': 'at' },
      ExpressionAttributeValues: { ':true': true, ':at': mine.at },
    });
  } catch (err) {
    if (!isConditionFailed(err)) throw err;
  }
}
