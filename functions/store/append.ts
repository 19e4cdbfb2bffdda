/**
 * Numbered items without holes and without transactions. A number n is only ever written (a put on condition that
 * it is free) by a writer that knows n − 1 exists: it read the highest item, or a pointer that is only moved to a
 * number once that item exists, or found n − 1 taken. So the numbers of a kind are always exactly 1…N, whatever
 * was refused or crashed: nothing is reserved, so nothing is left unused. A writer that loses a race (or finds the
 * pointer behind, after a crash between put and pointer) reads the highest and takes the next; nothing is ever
 * overwritten, and numbers follow the order in which items were stored.
 */
import { isConditionFailed, projection, table } from './client';
import { KEY, keys, numberOf } from './table';

const MAX_ATTEMPTS = 200;
const BACKOFF_BASE_MS = 5;
const MAX_BACKOFF_MS = 250;

type Item = Record<string, unknown>;

/** A numbered kind of item in a report partition. */
export interface Sequence {
  /** The sort key prefix (V#, DECISION#). */
  readonly prefix: string;
  readonly sortKey: (n: number) => string;
  /**
   * The COUNTER attribute holding the last number known to exist, moved after each put, and a map attribute of
   * the last `log.size` numbers with the time each was stored (what rate limits count). Only for kinds whose items
   * are large (versions): reading the highest of them costs their size, the COUNTER item costs almost nothing.
   */
  readonly pointer?: { readonly attribute: string; readonly log: string; readonly size: number };
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
export const counterKey = (pk: string) => ({ [KEY.partition]: pk, [KEY.sort]: keys.counter });

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

/**
 * Moves the pointer up to n (never down) and logs n's time, dropping n − size from the log. Best effort: the item
 * is stored already, and a pointer left behind only makes the next writer look for the highest itself.
 */
async function advance(pk: string, seq: Sequence, n: number, at: number, logExists: boolean): Promise<void> {
  const p = seq.pointer;
  if (!p) return;
  const { db } = table();
  const update = (whole: boolean) =>
    db.update({
      Key: counterKey(pk),
      UpdateExpression: whole ? 'SET #p = :n, #log = :log' : 'SET #p = :n, #log.#new = :at REMOVE #log.#old',
      ConditionExpression: 'attribute_not_exists(#p) OR #p < :n',
      ExpressionAttributeNames: {
        '#p': p.attribute,
        '#log': p.log,
        ...(whole ? {} : { '#new': String(n), '#old': String(n - p.size) }),
      },
      ExpressionAttributeValues: { ':n': n, ...(whole ? { ':log': { [String(n)]: at } } : { ':at': at }) },
    });
  try {
    await update(!logExists);
  } catch (err) {
    if (isConditionFailed(err)) return;
    // The log map is not there yet (a path into a missing map is invalid): written whole.
    if (logExists && (err as { name?: string }).name === 'ValidationException') {
      await update(true).catch((e: unknown) => {
        if (!isConditionFailed(e)) throw e;
      });
      return;
    }
    throw err;
  }
}

export interface Append {
  /** The item for number n, with its sort key; built anew for each number tried (it may record when it was built). */
  readonly build: (n: number) => Item;
  /** Whether an item found under a number is `mine`, the one this writer put there (e.g. same key and time). */
  readonly isOwn: (existing: Item, mine: Item) => boolean;
  /**
   * The last number as the caller read it (the sequence's pointer): the first try is the next one. Without it, the
   * highest is read first.
   */
  readonly after?: number;
  /** The caller's read found the sequence's log map in the COUNTER item. */
  readonly logExists?: boolean;
}

/** Puts `build(n)` under the next free number n of its kind, the one after the highest; returns n. */
export async function appendNumbered(pk: string, seq: Sequence, a: Append): Promise<number> {
  let n = (a.after ?? (await highestNumber(pk, seq.prefix))) + 1;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const item = { ...a.build(n), [KEY.sort]: seq.sortKey(n) };
    if (await putIfFree(pk, item, (existing) => a.isOwn(existing, item))) {
      if (seq.pointer) {
        try {
          await advance(pk, seq, n, Date.now(), a.logExists ?? false);
        } catch {
          // Stored: a pointer left behind is found out by the next writer (see advance).
        }
      }
      return n;
    }
    // Taken: the pointer was behind or another writer won the number. Take the one after the highest; after the
    // first lost race, back off a little so that concurrent writers spread out.
    if (attempt > 0) await sleep(Math.random() * Math.min(MAX_BACKOFF_MS, BACKOFF_BASE_MS * 2 ** attempt));
    n = Math.max(n, await highestNumber(pk, seq.prefix)) + 1;
  }
  throw new AppendContentionError(`${pk}: no free number after ${MAX_ATTEMPTS} attempts`);
}
