/**
 * Idempotency-Keys of submissions, claimed together with the version number the submission will store under: one
 * UpdateItem on the report partition's COUNTER item sets `claims.<key>` and adds 1 to `versions`, on condition that
 * the key is free. So an accepted submission costs one write for both, not two.
 *
 * Nothing completes a claim: the version a submission stores records its key, so a request meeting a claim with
 * the same request finds that version (and replays it) or, finding none, knows the claim's owner is still at work.
 * A claim is released when its version cannot be stored (a corrected retry is judged afresh), never once its version
 * may be stored; a claim left by a crashed invocation is taken over after LOCK_MS. A key is remembered for a day:
 * expired claims are replaced, and dropped from the map once it grows (the map's size bounds the item's).
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
 * Live claims one report partition holds at most: a claim is ~250 bytes, so the COUNTER item stays far below
 * DynamoDB's 400 KB even when a client submits one report hundreds of times a day.
 */
export const MAX_CLAIMS = 500;
/** From this many claims on, the expired ones are dropped after a claim (rarely more than a few live at once). */
const PRUNE_FROM = 32;

/** One claim in the COUNTER item's `claims` map (short names: they are stored once per key). */
interface ClaimRecord {
  /** The request's hash (same key, same request ⇔ same hash). */
  readonly h: string;
  /** Locked until (epoch ms): a claim older than this belongs to an invocation that is gone. */
  readonly u: number;
  /** Expires (epoch seconds): after this the key is forgotten. */
  readonly e: number;
}

export type Claim =
  /**
   * Ours, with the version number reserved for it. `takeover`: an earlier claim of the same request had lapsed, its
   * version may exist. `lock` names the claim.
   */
  | { readonly outcome: 'claimed'; readonly takeover: boolean; readonly lock: number; readonly version: number }
  /** Held by an earlier request with the same key and body: finished (its version exists) or still at work. */
  | { readonly outcome: 'held' }
  /** The key was used for another request. */
  | { readonly outcome: 'mismatch' }
  /** The partition holds MAX_CLAIMS live claims: no new key today. */
  | { readonly outcome: 'full' };

const CLAIMS = 'claims';
const VERSIONS = 'versions';
const counterKey = (pk: string) => ({ [KEY.partition]: pk, [KEY.sort]: keys.counter });
const claimsOf = (item: Record<string, unknown> | undefined) => item?.[CLAIMS] as Record<string, ClaimRecord> | undefined;

/**
 * Claims `key` for a submission to the report of (agency, year) and reserves its version number. A new key (the
 * normal case) takes one UpdateItem; a key already claimed is looked at and, if its claim has lapsed, taken over on
 * the condition that it is still what was seen.
 */
export async function claimIdempotency(agency: string, year: number, key: string, requestHash: string, now = Date.now()): Promise<Claim> {
  const { db } = table();
  const pk = keys.report(agency, year);
  const nowSec = Math.floor(now / 1000);
  const lock = now + LOCK_MS;
  const record: ClaimRecord = { h: requestHash, u: lock, e: nowSec + IDEMPOTENCY_TTL_SECONDS };
  const names = { '#c': CLAIMS, '#n': VERSIONS };
  /** Sets our claim and takes the next number on a condition; the counter item after, or undefined when it fails. */
  const update = async (set: string, condition: string, moreNames: Record<string, string>, moreValues: Record<string, unknown>) => {
    try {
      const out = await db.update({
        Key: counterKey(pk),
        UpdateExpression: `SET ${set} ADD #n :one`,
        ConditionExpression: condition,
        ExpressionAttributeNames: { ...names, ...moreNames },
        ExpressionAttributeValues: { ':one': 1, ...moreValues },
        ReturnValues: 'ALL_NEW',
      });
      return out.Attributes;
    } catch (err) {
      if (isConditionFailed(err)) return undefined;
      // The map does not exist yet (a path into a missing map is invalid): looked at below, like a failed condition.
      if ((err as { name?: string }).name === 'ValidationException') return 'invalid' as const;
      throw err;
    }
  };
  const claimed = async (item: Record<string, unknown>, takeover: boolean): Promise<Claim> => {
    await prune(pk, claimsOf(item), nowSec);
    return { outcome: 'claimed', takeover, lock, version: Number(item[VERSIONS]) };
  };

  // A new key: one update, the key free (or forgotten) and room in the map.
  const first = await update('#c.#k = :claim', '(attribute_not_exists(#c.#k) OR #c.#k.#e < :now) AND size(#c) < :max', { '#k': key, '#e': 'e' }, {
    ':claim': record, ':now': nowSec, ':max': MAX_CLAIMS,
  });
  if (first && first !== 'invalid') return claimed(first, false);
  for (let attempt = 0; attempt < 3; attempt++) {
    const item = (await db.get({ Key: counterKey(pk), ConsistentRead: true })).Item;
    const claims = claimsOf(item);
    if (!claims) {
      // The partition's first claim: the map is created with it.
      const made = await update('#c = :map', 'attribute_not_exists(#c)', {}, { ':map': { [key]: record } });
      if (made && made !== 'invalid') return claimed(made, false);
      continue;
    }
    const seen = claims[key];
    if (!seen || seen.e < nowSec) {
      if (Object.keys(claims).length >= MAX_CLAIMS) return { outcome: 'full' };
      const again = await update('#c.#k = :claim', '(attribute_not_exists(#c.#k) OR #c.#k.#e < :now) AND size(#c) < :max', { '#k': key, '#e': 'e' }, {
        ':claim': record, ':now': nowSec, ':max': MAX_CLAIMS,
      });
      // The map exists (maps are never removed): an invalid update here is a fault, not a missing map.
      if (again === 'invalid') throw new Error(`${pk}: the claim update was refused as invalid`);
      if (again) return claimed(again, false);
      continue;
    }
    if (seen.h !== requestHash) return { outcome: 'mismatch' };
    // Still within its lock: its owner is at work, or done and its version is the answer.
    if (seen.u >= now) return { outcome: 'held' };
    // A lapsed claim of this very request is taken over (its version may exist: the caller looks first).
    const taken = await update('#c.#k = :claim', '#c.#k.#u = :seen', { '#k': key, '#u': 'u' }, { ':claim': record, ':seen': seen.u });
    if (taken && taken !== 'invalid') return claimed(taken, true);
  }
  return { outcome: 'held' };
}

/** Gives up our claim (`lock` from claimIdempotency; nothing was stored): the key may be used again. */
export async function releaseIdempotency(agency: string, year: number, key: string, requestHash: string, lock: number): Promise<void> {
  const { db } = table();
  try {
    await db.update({
      Key: counterKey(keys.report(agency, year)),
      UpdateExpression: 'REMOVE #c.#k',
      ConditionExpression: '#c.#k.#h = :hash AND #c.#k.#u = :lock',
      ExpressionAttributeNames: { '#c': CLAIMS, '#k': key, '#h': 'h', '#u': 'u' },
      ExpressionAttributeValues: { ':hash': requestHash, ':lock': lock },
    });
  } catch (err) {
    if (!isConditionFailed(err)) throw err;
  }
}

/** The request hash a live claim of `key` holds, if any (to tell a retry of an accepted request from a new one). */
export async function claimedRequest(agency: string, year: number, key: string, now = Date.now()): Promise<string | undefined> {
  const { db } = table();
  const item = (await db.get({ Key: counterKey(keys.report(agency, year)), ConsistentRead: true })).Item;
  const seen = claimsOf(item)?.[key];
  return seen && seen.e >= Math.floor(now / 1000) ? seen.h : undefined;
}

/**
 * Drops expired claims once the map has grown (one update, each on the condition that it is still the expired
 * claim that was seen). Best effort: a claim left over is dropped next time, and a live claim is never touched.
 */
async function prune(pk: string, claims: Record<string, ClaimRecord> | undefined, nowSec: number): Promise<void> {
  if (!claims) return;
  const entries = Object.entries(claims);
  if (entries.length < PRUNE_FROM) return;
  const expired = entries.filter(([, c]) => c.e < nowSec).slice(0, 100);
  if (expired.length === 0) return;
  const names: Record<string, string> = { '#c': CLAIMS, '#e': 'e' };
  const values: Record<string, unknown> = {};
  expired.forEach(([k, c], i) => {
    names[`#k${i}`] = k;
    values[`:e${i}`] = c.e;
  });
  try {
    await table().db.update({
      Key: counterKey(pk),
      UpdateExpression: `REMOVE ${expired.map((_, i) => `#c.#k${i}`).join(', ')}`,
      ConditionExpression: expired.map((_, i) => `#c.#k${i}.#e = :e${i}`).join(' AND '),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    });
  } catch {
    // Whatever failed (a claim renewed meanwhile, throttling), the next claim in this partition tries again; the
    // submission that triggered it is already claimed and goes on.
  }
}
