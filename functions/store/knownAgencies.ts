/**
 * The agencies an administrator's yearly list shows, a page at a time in id order: every agency registered (a
 * profile, listed under AGENCIES#shard of the byYear index) or with a version in the year or the year before (who
 * reported last year is expected this year; YEAR#year#shard). The three sources are each sharded: a page reads the
 * next `limit` index entries after the cursor of each of the 3 × YEAR_SHARDS partitions, in parallel, and merges
 * them. An agency is on the page only when every partition has been read past it, so no page misses one that a later
 * page would bring too early; a page's cost is bounded by its limit, not by the country.
 */
import { AGENCY_ID } from '../../contract/limits';
import { highest } from './append';
import { projection, table } from './client';
import { YEAR_INDEX, YEAR_SHARDS, keys } from './table';

export interface KnownAgency {
  readonly agency: string;
  /** Whether it has a version in the year. */
  readonly submitted: boolean;
  /** Registered (a profile): its name there, null when it has none. */
  readonly registeredName?: string | null;
}

export interface KnownAgencyPage {
  readonly agencies: KnownAgency[];
  /** Asks for the next page; absent on the last. */
  readonly next?: string;
}

export class KnownCursorError extends Error {}

/** A cursor is the last agency of a page (opaque to clients). */
const encodeCursor = (agency: string) => Buffer.from(agency, 'utf8').toString('base64url');

function decodeCursor(cursor: string): string {
  const agency = cursor.length <= 100 ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  if (!AGENCY_ID.test(agency)) throw new KnownCursorError(cursor);
  return agency;
}

type Source = 'year' | 'lastYear' | 'registered';

interface Read {
  readonly source: Source;
  readonly entries: { agency: string; agencyName?: string }[];
  /** More entries follow in this partition (it was cut by the limit). */
  readonly more: boolean;
}

/** A version's index sort key is agency#version; a profile's is the agency. */
const agencyOfSort = (ysk: string) => ysk.split('#')[0]!;

async function readPartition(source: Source, ypk: string, after: string | undefined, limit: number): Promise<Read> {
  const { db } = table();
  const p = projection([YEAR_INDEX.sort, 'agencyName']);
  // Past every version of the cursor's agency ('#' sorts before the characters of an id, '~' after the digits).
  const from = after === undefined ? undefined : source === 'registered' ? after : `${after}#~`;
  const out = await db.query({
    IndexName: YEAR_INDEX.name,
    KeyConditionExpression: from === undefined ? '#ypk = :ypk' : '#ypk = :ypk AND #ysk > :from',
    ExpressionAttributeNames: {
      '#ypk': YEAR_INDEX.partition,
      ...p.ExpressionAttributeNames,
      ...(from === undefined ? {} : { '#ysk': YEAR_INDEX.sort }),
    },
    ExpressionAttributeValues: { ':ypk': ypk, ...(from === undefined ? {} : { ':from': from }) },
    ProjectionExpression: p.ProjectionExpression,
    Limit: limit,
  });
  return {
    source,
    entries: out.Items.map((i) => ({
      agency: agencyOfSort(i[YEAR_INDEX.sort] as string),
      ...(typeof i.agencyName === 'string' ? { agencyName: i.agencyName } : {}),
    })),
    more: out.LastEvaluatedKey !== undefined,
  };
}

/** One page of the agencies known for a year (see above). */
export async function knownAgencyPage(
  year: number,
  opts: { readonly limit: number; readonly cursor?: string },
): Promise<KnownAgencyPage> {
  const after = opts.cursor === undefined ? undefined : decodeCursor(opts.cursor);
  const shards = Array.from({ length: YEAR_SHARDS }, (_, s) => s);
  const reads = await Promise.all([
    ...shards.map((s) => readPartition('year', keys.yearShard(year, s), after, opts.limit)),
    ...shards.map((s) => readPartition('lastYear', keys.yearShard(year - 1, s), after, opts.limit)),
    ...shards.map((s) => readPartition('registered', keys.agenciesShard(s), after, opts.limit)),
  ]);
  // Every partition cut short has been read up to its last entry: agencies up to the lowest of those are complete.
  const bounds = reads.filter((r) => r.more && r.entries.length).map((r) => r.entries[r.entries.length - 1]!.agency);
  const bound = bounds.length ? bounds.reduce((a, b) => (a < b ? a : b)) : undefined;
  const seen = new Map<string, { year: boolean; registered?: string | null }>();
  for (const r of reads)
    for (const e of r.entries) {
      if (bound !== undefined && e.agency > bound) continue;
      const s = seen.get(e.agency) ?? { year: false };
      if (r.source === 'year') s.year = true;
      else if (r.source === 'registered') s.registered = e.agencyName ?? null;
      seen.set(e.agency, s);
    }
  const ids = [...seen.keys()].sort().slice(0, opts.limit);
  const cut = ids.length < seen.size || bound !== undefined;
  const agencies = ids.map((agency): KnownAgency => {
    const { year: submitted, registered } = seen.get(agency)!;
    return { agency, submitted, ...(registered !== undefined ? { registeredName: registered } : {}) };
  });
  const last = ids[ids.length - 1];
  return { agencies, ...(cut && last !== undefined ? { next: encodeCursor(last) } : {}) };
}

/** The name a report was last submitted under in a year (one item read), or null. */
export async function lastSubmittedName(agency: string, year: number): Promise<string | null> {
  const item = await highest(keys.report(agency, year), keys.versionPrefix, ['agencyName']);
  return typeof item?.agencyName === 'string' ? item.agencyName : null;
}
