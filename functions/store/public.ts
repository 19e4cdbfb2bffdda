/**
 * The publishing builder's own items (functions/published/): per node of a year's published tree, the public state
 * of each of its reports and the published count of each child node. They are derived data — the rebuild recreates
 * them from the reports — and each is written by one step of the builder only: a report's entry by the step that
 * recomputes that report (guarded by its revision, so an older computation never overwrites a newer one), a child's
 * count by the step that builds the child.
 */
import type { FormatVersion } from '../../report/format/types';
import { isConditionFailed, table } from './client';
import { KEY, keys } from './table';

/** A report's public state as the builder computed it from the items of its partition. */
export interface PublicEntry {
  readonly agency: string;
  readonly year: number;
  /** The node of the published tree the report is listed under. */
  readonly node: string;
  /** Grows with every item of the report's partition that the state depends on (versions, decisions). */
  readonly rev: number;
  readonly state: 'published' | 'withdrawn' | 'none';
  /** Published only: the name it is listed under, the version, since when, and its cells (the format's order). */
  readonly name?: string;
  readonly version?: number;
  readonly publishedAt?: string;
  readonly format?: FormatVersion;
  /** JSON of the cell values in the order of the format's cells (one string: cheap to store and to pass on). */
  readonly cells?: string;
}

/** A child node of a node: its name and the published reports of its whole subtree. */
export interface ChildSummary {
  readonly node: string;
  readonly name: string;
  readonly reports: number;
}

const ENTRY_ATTRIBUTES = [
  'agency',
  'year',
  'node',
  'rev',
  'state',
  'name',
  'version',
  'publishedAt',
  'format',
  'cells',
] as const;

export function toPublicEntry(item: Record<string, unknown>): PublicEntry {
  return Object.fromEntries(
    ENTRY_ATTRIBUTES.filter((a) => item[a] !== undefined).map((a) => [a, item[a]]),
  ) as unknown as PublicEntry;
}

export function toChildSummary(item: Record<string, unknown>): ChildSummary {
  return { node: item.node as string, name: item.name as string, reports: Number(item.reports) };
}

/** The item that records a report's public state in its node's partition. */
export function publicEntryItem(entry: PublicEntry): Record<string, unknown> {
  return {
    [KEY.partition]: keys.publicNode(entry.year, entry.node),
    [KEY.sort]: keys.publicAgency(entry.agency),
    type: 'public',
    ...entry,
  };
}

/**
 * Records a report's public state unless a newer one (a higher revision) is recorded: false then, and whoever
 * computed this state should compute it again.
 */
export async function putPublicEntry(entry: PublicEntry): Promise<boolean> {
  const { db } = table();
  try {
    await db.put({
      Item: publicEntryItem(entry),
      ConditionExpression: 'attribute_not_exists(#rev) OR #rev <= :rev',
      ExpressionAttributeNames: { '#rev': 'rev' },
      ExpressionAttributeValues: { ':rev': entry.rev },
    });
    return true;
  } catch (err) {
    if (isConditionFailed(err)) return false;
    throw err;
  }
}

/** Records a child node's count in its parent's partition (the child's build is its only writer). */
export async function putChildSummary(year: number, parent: string, child: ChildSummary): Promise<void> {
  const { db } = table();
  await db.put({
    Item: {
      [KEY.partition]: keys.publicNode(year, parent),
      [KEY.sort]: keys.publicChild(child.node),
      type: 'publicNode',
      ...child,
    },
  });
}

/** Everything recorded for a node: its reports' entries and its children's counts (a full read, for rebuilds). */
export async function nodeItems(
  year: number,
  node: string,
): Promise<{ entries: PublicEntry[]; children: ChildSummary[] }> {
  const { db } = table();
  const entries: PublicEntry[] = [];
  const children: ChildSummary[] = [];
  const pages = db.pages({
    KeyConditionExpression: '#pk = :pk',
    ExpressionAttributeNames: { '#pk': KEY.partition },
    ExpressionAttributeValues: { ':pk': keys.publicNode(year, node) },
    ConsistentRead: true,
  });
  for await (const items of pages) {
    for (const item of items) {
      const sk = item[KEY.sort] as string;
      if (sk.startsWith(keys.publicAgencyPrefix)) entries.push(toPublicEntry(item));
      else if (sk.startsWith(keys.publicChildPrefix)) children.push(toChildSummary(item));
    }
  }
  return { entries, children };
}
