/**
 * Numbered items without holes and without transactions. A number n is only ever written (a put on condition that
 * it is free) by a writer that knows n − 1 exists: it read the highest item (from the table, or an index that may
 * lag behind but never shows what does not exist), or found n − 1 taken. So the numbers of a kind are always
 * exactly 1…N, whatever was refused or crashed: nothing is reserved, so nothing is left unused. A writer that loses
 * a race (or read a hint that was behind) reads the highest, consistently, and takes the next; nothing is ever
 * overwritten, and numbers follow the order in which items were stored.
 */
import { isConditionFailed, projection, table } from './client';
import { KEY, numberOf } from './table';

const MAX_ATTEMPTS = 200;
const BACKOFF_BASE_MS = 5;
const MAX_BACKOFF_MS = 250;

type Item = Record<string, unknown>;

/** A numbered kind of item in a report partition. */
export interface Sequence {
  /** The sort key prefix (V#, DECISION#). */
  readonly prefix: string;
  readonly sortKey: (n: number) => string;
}

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

/** The highest number of a kind that exists (0 when none). */
export async function highestNumber(pk: string, prefix: string): Promise<number> {
  const top = await highest(pk, prefix, [KEY.sort]);
  return top ? numberOf(top[KEY.sort] as string) : 0;
}

export class AppendContentionError extends Error {}

/**
 * A put failed in a way that does not say whether it was stored (the SDK's own retries ran out: network, throttling,
 * a 5xx). The item may exist: whoever retries must look for it rather than write it again.
 */
export class WriteOutcomeUnknownError extends Error {}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Puts the item under its number unless that number is taken; false when it is taken by another item. Taken by
 * this very item counts as stored: the SDK retries a put whose answer was lost, and the retry then finds its own
 * first attempt there.
 */
async function putIfFree(pk: string, item: Item, isOwn: (existing: Item) => boolean): Promise<boolean> {
  const { db } = table();
  try {
    await db.put({
      Item: { ...item, [KEY.partition]: pk },
      ConditionExpression: 'attribute_not_exists(#pk)',
      ExpressionAttributeNames: { '#pk': KEY.partition },
    });
    return true;
  } catch (err) {
    if (!isConditionFailed(err))
      throw new WriteOutcomeUnknownError(`${pk} ${String(item[KEY.sort])}: ${(err as Error).message}`, { cause: err });
  }
  const existing = (await db.get({ Key: { [KEY.partition]: pk, [KEY.sort]: item[KEY.sort] }, ConsistentRead: true }))
    .Item;
  return existing !== undefined && isOwn(existing);
}

export interface Append {
  /** The item for number n, with its sort key; built anew for each number tried (it may record when it was built). */
  readonly build: (n: number) => Item;
  /** Whether an item found under a number is `mine`, the one this writer put there (e.g. same key and time). */
  readonly isOwn: (existing: Item, mine: Item) => boolean;
  /**
   * The highest number as the caller read it (an index may lag behind, never ahead): the first try is the next
   * one. Without it, the highest is read first.
   */
  readonly after?: number;
}

/** Puts `build(n)` under the next free number n of its kind, the one after the highest; returns n. */
export async function appendNumbered(pk: string, seq: Sequence, a: Append): Promise<number> {
  let n = (a.after ?? (await highestNumber(pk, seq.prefix))) + 1;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const item = { ...a.build(n), [KEY.sort]: seq.sortKey(n) };
    if (await putIfFree(pk, item, (existing) => a.isOwn(existing, item))) return n;
    // Taken: the hint was behind or another writer won the number. Take the one after the highest; after the
    // first lost race, back off a little so that concurrent writers spread out.
    if (attempt > 0) await sleep(Math.random() * Math.min(MAX_BACKOFF_MS, BACKOFF_BASE_MS * 2 ** attempt));
    n = Math.max(n, await highestNumber(pk, seq.prefix)) + 1;
  }
  throw new AppendContentionError(`${pk}: no free number after ${MAX_ATTEMPTS} attempts`);
}
