/**
 * Idempotency-Keys of submissions: one small CLAIM#<key> item per key in the report partition, put on condition that
 * the key is free (or was released), beside the submission's reads — before its version is stored, once its report
 * has been read. It records the request's identity (the hash of the report as read: the same report sent again, even
 * as a freshly exported workbook, is the same request) and when it was claimed: the version stored under the key, if
 * any, was stored after that, so a retry finds it by reading only the versions stored since (claims made before this
 * record a `basis` instead: the last version number that existed then).
 *
 * A key is remembered for good (an item of ~150 bytes per accepted submission): the same key with the same report
 * is answered with what it stored, whenever it comes; with another report it is refused. A claim is released when
 * its request is refused or throttled, or its version cannot be stored (marked, not deleted: the functions never
 * delete), so the key may be used again; it is taken over after LOCK_MS when the invocation that made it is gone (a
 * crash, a killed local server).
 */
import { FUNCTION_TIMEOUT_SECONDS } from '../env';
import { isConditionFailed, projection, table } from './client';
import { KEY, keys, numberOf } from './table';
import { getVersion, type VersionMeta } from './versions';

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
  /** When the request was first claimed (a claim taken over keeps it): its version, if any, was stored since. */
  readonly since?: number;
  /** Claims made before `since` was recorded: the last version number that existed when it was claimed. */
  readonly basis?: number;
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
    ...(item.since !== undefined ? { since: Number(item.since) } : {}),
    ...(item.basis !== undefined || item.since === undefined ? { basis: Number(item.basis ?? 0) } : {}),
    ...(item.released ? { released: true } : {}),
  };
}

/** The claim of a key, if any (released ones included). */
export async function readClaim(agency: string, year: number, key: string): Promise<ClaimRecord | undefined> {
  const { db } = table();
  return recordOf((await db.get({ Key: claimKey(agency, year, key), ConsistentRead: true })).Item);
}

/**
 * Puts our claim: where the key is free or its claim released, or (`replacing`) on condition that the item still
 * holds that claim (a lapsed one).
 */
async function put(
  agency: string,
  year: number,
  key: string,
  mine: ClaimRecord,
  replacing?: ClaimRecord,
): Promise<boolean> {
  const { db } = table();
  const { hash, at, since, basis } = mine;
  try {
    await db.put({
      Item: { ...claimKey(agency, year, key), type: 'claim', hash, at, since, basis },
      ...(replacing
        ? {
            ConditionExpression: '#at = :at',
            ExpressionAttributeNames: { '#at': 'at' },
            ExpressionAttributeValues: { ':at': replacing.at },
          }
        : {
            ConditionExpression: 'attribute_not_exists(#pk) OR #r = :true',
            ExpressionAttributeNames: { '#pk': KEY.partition, '#r': 'released' },
            ExpressionAttributeValues: { ':true': true },
          }),
    });
    return true;
  } catch (err) {
    if (isConditionFailed(err)) return false;
    throw err;
  }
}

/**
 * Claims `key` for a submission of the report whose identity is `hash` to the report partition (agency, year). A new
 * key, or one released (a refused request sent again, now confirmed), is one conditional put. A key held is looked
 * at: by the same report (the caller looks for its version), or by another (mismatch).
 */
export async function claimIdempotency(
  agency: string,
  year: number,
  key: string,
  hash: string,
  now = Date.now(),
): Promise<Claim> {
  const mine: ClaimRecord = { hash, at: now, since: now };
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await put(agency, year, key, mine)) return { outcome: 'claimed', takeover: false, record: mine };
    const seen = await readClaim(agency, year, key);
    if (!seen || seen.released) continue; // released again since the put: try again
    if (seen.hash !== hash) return { outcome: 'mismatch' };
    return { outcome: 'held', record: seen, lapsed: seen.at + LOCK_MS < now };
  }
  throw new Error(`${keys.report(agency, year)} ${key}: the claim changed under us three times`);
}

/**
 * Takes over a lapsed claim of the same request (the caller has looked: its version was not stored). Undefined when
 * the claim changed meanwhile (another retry took it over first). Versions are looked for from where the lapsed
 * claim's were.
 */
export async function takeOverClaim(
  agency: string,
  year: number,
  key: string,
  lapsed: ClaimRecord,
  now = Date.now(),
): Promise<ClaimRecord | undefined> {
  const from = lapsed.basis !== undefined ? { basis: lapsed.basis } : { since: lapsed.since ?? lapsed.at };
  const mine: ClaimRecord = { hash: lapsed.hash, at: now, ...from };
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

/**
 * How far apart the clocks of two invocations may be: the version a claim led to was put after the claim by the
 * same invocation, and every version numbered after it later still, by whichever invocation; so reading versions
 * newest first, one stored this long before the claim ends the search.
 */
export const CLOCK_SKEW_MS = 60_000;
/** Versions read per page while looking for the one a key stored (their number, key and time only). */
const LOOKUP_PAGE = 25;

/**
 * The version stored under `key` by the request `claim` stands for, if any (the answer to its retry): only the
 * versions stored since it was claimed are read, newest first — their number, key and time, then that one version.
 */
export async function versionOfClaim(
  agency: string,
  year: number,
  key: string,
  claim: ClaimRecord,
): Promise<VersionMeta | undefined> {
  const { db } = table();
  const p = projection([KEY.sort, 'idempotencyKey', 'submittedAt']);
  const pages = db.pages({
    KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
    ExpressionAttributeNames: { '#pk': KEY.partition, '#sk': KEY.sort, ...p.ExpressionAttributeNames },
    ExpressionAttributeValues: {
      ':pk': keys.report(agency, year),
      ':from': keys.version((claim.basis ?? 0) + 1),
      ':to': keys.version(VERSION_NUMBER_MAX),
    },
    ProjectionExpression: p.ProjectionExpression,
    ScanIndexForward: false,
    ConsistentRead: true,
    Limit: LOOKUP_PAGE,
  });
  const oldest = claim.basis === undefined ? (claim.since ?? claim.at) - CLOCK_SKEW_MS : Number.NEGATIVE_INFINITY;
  for await (const items of pages)
    for (const item of items) {
      if (Date.parse(String(item.submittedAt)) < oldest) return undefined;
      if (item.idempotencyKey === key) return getVersion(agency, year, numberOf(item[KEY.sort] as string));
    }
  return undefined;
}

/** The largest number a version key can hold (ten digits). */
const VERSION_NUMBER_MAX = 9_999_999_999;
