/** Reading the sharded per-year index: every shard queried in parallel, every page followed. */
import { table } from './client';
import { YEAR_INDEX, YEAR_SHARDS } from './table';

type Item = Record<string, unknown>;

/** Calls `each` for every item under the index partitions `partitionOf(0 … YEAR_SHARDS − 1)`. */
export async function forEachInShards(
  partitionOf: (shard: number) => string,
  each: (item: Item) => void,
): Promise<void> {
  const { db } = table();
  await Promise.all(
    Array.from({ length: YEAR_SHARDS }, async (_, shard) => {
      const pages = db.pages({
        IndexName: YEAR_INDEX.name,
        KeyConditionExpression: '#ypk = :ypk',
        ExpressionAttributeNames: { '#ypk': YEAR_INDEX.partition },
        ExpressionAttributeValues: { ':ypk': partitionOf(shard) },
      });
      for await (const items of pages) for (const item of items) each(item);
    }),
  );
}
