/**
 * Append-only numbered items without transactions: read the highest number, then put number + 1 on condition that
 * it does not exist yet. A lost race means someone else now holds that number, so the next one is tried straight
 * away: concurrent writers get distinct, gap-free numbers, and nothing is overwritten.
 */
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailed, table } from './client';
import { KEY, numberOf } from './table';

const MAX_ATTEMPTS = 1000;

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

/** Puts `build(n)` under the next free number; returns the number it got. */
export async function appendNumbered(
  pk: string,
  prefix: string,
  sortKey: (n: number) => string,
  build: (n: number) => Record<string, unknown>,
): Promise<number> {
  const { doc, name } = table();
  const top = await highest(pk, prefix);
  let n = top ? numberOf(top[KEY.sort] as string) + 1 : 1;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++, n++) {
    try {
      await doc.send(
        new PutCommand({
          TableName: name,
          Item: { ...build(n), [KEY.partition]: pk, [KEY.sort]: sortKey(n) },
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': KEY.partition },
        }),
      );
      return n;
    } catch (err) {
      if (!isConditionFailed(err)) throw err;
    }
  }
  throw new AppendContentionError(`${pk}: no free number after ${MAX_ATTEMPTS} attempts`);
}
