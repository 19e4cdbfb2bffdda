/**
 * Append-only numbered items without transactions. A number is reserved with one atomic counter update (ADD 1 on
 * the partition's COUNTER item), then the item is put on condition that the number is still free. Concurrent
 * writers thus get distinct numbers without retry storms, and nothing is ever overwritten. Should the put still
 * find its number taken (a counter behind the data, e.g. after a restore), the writer falls back to "read the
 * highest, put the next, retry on conflict" and moves the counter up. A writer that dies between reserving and
 * putting leaves its number unused; nothing half-written is ever visible, since readers only see complete items.
 */
import { isConditionFailed, projection, table } from './client';
import { KEY, keys, numberOf } from './table';

const MAX_ATTEMPTS = 200;
const BACKOFF_BASE_MS = 5;
const MAX_BACKOFF_MS = 250;

type Item = Record<string, unknown>;

/** The item with the highest number under a prefix (sort key order), read consistently; only `attributes` if given. */
export async function highest(pk: string, prefix: string, attributes?: readonly string[]): Promise<Item | undefined> {
  const { db } = table();
  const p = attributes ? projection([KEY.sort, ...attributes]) : undefined;
  const out = await db.query({
    KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
    ExpressionAttributeNames: { '#pk': KEY.partition, '#sk': KEY.sort, ...p?.ExpressionAttributeNames },
    ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
    ...(p ? { ProjectionExpression: p.ProjectionExpression } : {}),
    ScanIndexForward: false,
    Limit: 1,
    ConsistentRead: true,
  });
  return out.Items?.[0];
}

export class AppendContentionError extends Error {}

/**
 * A put failed in a way that does not say whether it was stored (the SDK's own retries ran out: network, throttling,
 * a 5xx). The item may exist: whoever retries must look for it rather than write it again.
 */
export class WriteOutcomeUnknownError extends Error {}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const counterKey = (pk: string) => ({ [KEY.partition]: pk, [KEY.sort]: keys.counter });

/** Reserves the next number of a kind (one atomic ADD on the COUNTER item); appendNumbered may be given it. */
export async function reserveNumber(pk: string, counter: string): Promise<number> {
  const { db } = table();
  const out = await db.update({
    Key: counterKey(pk),
    UpdateExpression: 'ADD #c :one',
    ExpressionAttributeNames: { '#c': counter },
    ExpressionAttributeValues: { ':one': 1 },
    ReturnValues: 'UPDATED_NEW',
  });
  return Number(out.Attributes?.[counter]);
}

/** Moves the counter up to n (never down). */
async function raiseCounter(pk: string, counter: string, n: number): Promise<void> {
  const { db } = table();
  try {
    await db.update({
      Key: counterKey(pk),
      UpdateExpression: 'SET #c = :n',
      ConditionExpression: 'attribute_not_exists(#c) OR #c < :n',
      ExpressionAttributeNames: { '#c': counter },
      ExpressionAttributeValues: { ':n': n },
    });
  } catch (err) {
    if (!isConditionFailed(err)) throw err;
  }
}

/**
 * Puts the item under its number unless that number is taken; false when it is taken by another item. Taken by
 * this very item counts as stored: the SDK retries a put whose answer was lost, and the retry then finds its own
 * first attempt there.
 */
async function putIfFree(
  pk: string,
  sortKey: string,
  item: Item,
  isOwn: (existing: Item) => boolean,
): Promise<boolean> {
  const { db } = table();
  try {
    await db.put({
      Item: { ...item, [KEY.partition]: pk, [KEY.sort]: sortKey },
      ConditionExpression: 'attribute_not_exists(#pk)',
      ExpressionAttributeNames: { '#pk': KEY.partition },
    });
    return true;
  } catch (err) {
    if (!isConditionFailed(err))
      throw new WriteOutcomeUnknownError(`${pk} ${sortKey}: ${(err as Error).message}`, { cause: err });
  }
  const existing = (await db.get({ Key: { [KEY.partition]: pk, [KEY.sort]: sortKey }, ConsistentRead: true })).Item;
  return existing !== undefined && isOwn(existing);
}

export interface Append {
  /** The sort key prefix of the kind (V#, DECISION#) and its attribute in the COUNTER item (versions, decisions). */
  readonly prefix: string;
  readonly counter: string;
  readonly sortKey: (n: number) => string;
  readonly build: (n: number) => Item;
  /** Whether an item found under a number is the one this writer put (e.g. the same submission time and key). */
  readonly isOwn: (existing: Item) => boolean;
  /** A number already taken with reserveNumber. */
  readonly reserved?: number;
}

/** Puts `build(n)` under the next number of its kind; returns the number it got. */
export async function appendNumbered(pk: string, a: Append): Promise<number> {
  const reserved = a.reserved ?? (await reserveNumber(pk, a.counter));
  if (await putIfFree(pk, a.sortKey(reserved), a.build(reserved), a.isOwn)) return reserved;
  // The counter is behind the items: find the top, take the next free number, backing off after each lost race.
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const top = await highest(pk, a.prefix, [KEY.sort]);
    const n = top ? numberOf(top[KEY.sort] as string) + 1 : 1;
    if (await putIfFree(pk, a.sortKey(n), a.build(n), a.isOwn)) {
      await raiseCounter(pk, a.counter, n);
      return n;
    }
    await sleep(Math.random() * Math.min(MAX_BACKOFF_MS, BACKOFF_BASE_MS * 2 ** attempt));
  }
  throw new AppendContentionError(`${pk}: no free number after ${MAX_ATTEMPTS} attempts`);
}
