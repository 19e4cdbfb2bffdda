/** Reading the sharded per-year index: every shard queried in parallel, every page followed. */
import { projection, table } from './client';
import { YEAR_INDEX, YEAR_SHARDS, keys } from './table';

type Item = Record<string, unknown>;

/** Calls `each` for every item under the index partitions `partitionOf(0 … YEAR_SHARDS − 1)` (only `attributes` if given). */
export async function forEachInShards(
  partitionOf: (shard: number) => string,
  each: (item: Item) => void,
  attributes?: readonly string[],
): Promise<void> {
  const { db } = table();
  const p = attributes ? projection(attributes) : undefined;
  await Promise.all(
    Array.from({ length: YEAR_SHARDS }, async (_, shard) => {
      const pages = db.pages({
        IndexName: YEAR_INDEX.name,
        KeyConditionExpression: '#ypk = :ypk',
        ExpressionAttributeNames: { '#ypk': YEAR_INDEX.partition, ...p?.ExpressionAttributeNames },
        ExpressionAttributeValues: { ':ypk': partitionOf(shard) },
        ...(p ? { ProjectionExpression: p.ProjectionExpression } : {}),
      });
      for await (const items of pages) for (const item of items) each(item);
    }),
  );
}

/** Every agency with a version in the year (the index's sort keys only: agency#version), in id order. */
export async function agenciesOfYear(year: number): Promise<string[]> {
  const agencies = new Set<string>();
  await forEachInShards(
    (shard) => keys.yearShard(year, shard),
    (item) => agencies.add((item[YEAR_INDEX.sort] as string).split('#')[0]!),
    [YEAR_INDEX.sort],
  );
  return [...agencies].sort();
}
