/**
 * Append-only numbered items without transactions. A number is reserved with one atomic counter update (ADD 1 on
 * the partition's COUNTER item), then the item is put on condition that the number is still free. Concurrent
 * writers thus get distinct numbers without retry storms, and nothing is ever overwritten. Should the put still
 * find its number taken (a counter behind the data, e.g. after a restore), the writer falls back to "read the
 * highest, put the next, retry on conflict" and moves the counter up. A writer that dies between reserving and
 * putting leaves its number unused; nothing half-written is ever visible, since readers only see complete items.
 */
import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailed, table } from './client';
import { KEY, keys, numberOf } from './table';

const MAX_ATTEMPTS = 200;
const BACKOFF_BASE_MS = 5;
const MAX_BACKOFF_MS = 250;

/** The item with the highest number under a prefix (sort key order), read consistently. */
export async function highest(pk: string, prefix: string): Promise<Record<string, unknown> | undefined> {
  const { doc, name } = table();
  const out = await doc.send(
    new QueryCommand({
      TableName: name,
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
      ExpressionAttributeNames: { '#pk': KEY.partition, '#sk': KEY.sort },
      ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
      ScanIndexForward: false,
      Limit: 1,
      ConsistentRead: true,
    }),
  );
  return out.Items?.[0];
}

export class AppendContentionError extends Error {}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const counterKey = (pk: string) => ({ [KEY.partition]: pk, [KEY.sort]: keys.counter });

/** Reserves the next number of a kind (one atomic ADD on the COUNTER item); appendNumbered may be given it. */
export async function reserveNumber(pk: string, counter: string): Promise<number> {
  const { doc, name } = table();
  const out = await doc.send(
    new UpdateCommand({
      TableName: name,
      Key: counterKey(pk),
      UpdateExpression: 'ADD #c :one',
      ExpressionAttributeNames: { '#c': counter },
      ExpressionAttributeValues: { ':one': 1 },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Number(out.Attributes?.[counter]);
}

/** Moves the counter up to n (never down). */
async function raiseCounter(pk: string, counter: string, n: number): Promise<void> {
  const { doc, name } = table();
  try {
    await doc.send(
      new UpdateCommand({
        TableName: name,
        Key: counterKey(pk),
        UpdateExpression: 'SET #c = :n',
        ConditionExpression: 'attribute_not_exists(#c) OR #c < :n',
        ExpressionAttributeNames: { '#c': counter },
        ExpressionAttributeValues: { ':n': n },
      }),
    );
  } catch (err) {
    if (!isConditionFailed(err)) throw err;
  }
}

/** Puts the item under number n unless that number is taken; false when it is. */
async function putIfFree(pk: string, sortKey: string, item: Record<string, unknown>): Promise<boolean> {
  const { doc, name } = table();
  try {
    await doc.send(
      new PutCommand({
        TableName: name,
        Item: { ...item, [KEY.partition]: pk, [KEY.sort]: sortKey },
        ConditionExpression: 'attribute_not_exists(#pk)',
        ExpressionAttributeNames: { '#pk': KEY.partition },
      }),
    );
    return true;
  } catch (err) {
    if (!isConditionFailed(err)) throw err;
    return false;
  }
}

/**
 * Puts `build(n)` under the next number of its kind (`counter` names the kind in the COUNTER item: versions,
 * decisions); returns the number it got. `reserved` is a number already taken with reserveNumber (e.g. while the
 * item's blobs were being written).
 */
export async function appendNumbered(
  pk: string,
  prefix: string,
  counter: string,
  sortKey: (n: number) => string,
  build: (n: number) => Record<string, unknown>,
  reserved?: number,
): Promise<number> {
  reserved ??= await reserveNumber(pk, counter);
  if (await putIfFree(pk, sortKey(reserved), build(reserved))) return reserved;
  // The counter is behind the items: find the top, take the next free number, backing off after each lost race.
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const top = await highest(pk, prefix);
    const n = top ? numberOf(top[KEY.sort] as string) + 1 : 1;
    if (await putIfFree(pk, sortKey(n), build(n))) {
      await raiseCounter(pk, counter, n);
      return n;
    }
    await sleep(Math.random() * Math.min(MAX_BACKOFF_MS, BACKOFF_BASE_MS * 2 ** attempt));
  }
  throw new AppendContentionError(`${pk}: no free number after ${MAX_ATTEMPTS} attempts`);
}
