/**
 * What the builder does with a batch of table writes (a DynamoDB Stream batch on AWS, the local stack's observed
 * writes): every report whose versions, review transitions or decisions changed is published again (its state recomputed), then every
 * node whose items changed applies them. Each report and each node is handled once per batch, whatever the number
 * of its writes in it; everything is idempotent, so a batch may be delivered again.
 */
import { logger } from '../http/handler';
import { mapLimit } from '../publishing';
import { keys, toChildSummary, toMeta, toPublicEntry, type ChildSummary, type PublicEntry } from '../store';
import { applyNodeChanges, rebuildNode } from './node';
import { prefetchPlaces } from './places';
import { publishReport } from './report';

export interface Change {
  readonly pk: string;
  readonly sk: string;
  /** The item as written, when the record carries it (NEW_IMAGE; the local stack's puts). */
  readonly item?: Record<string, unknown>;
  /** Where it is in the stream (AWS), to say which records to retry. */
  readonly seq?: string;
}

/**
 * The writes that change what is public: a report's versions, review transitions and decisions, and the builder's
 * own node items. The
 * same list filters the stream on AWS (infra/constructs/published-data.ts), so that nothing else invokes it.
 */
export const TRIGGERS: readonly { readonly pk: string; readonly sk: readonly string[] }[] = [
  { pk: 'REPORT#', sk: [keys.versionPrefix, keys.reviewPrefix, keys.decisionPrefix] },
  { pk: keys.publicNodePrefix, sk: [keys.publicAgencyPrefix, keys.publicChildPrefix] },
];

export function isTrigger(c: Pick<Change, 'pk' | 'sk'>): boolean {
  return TRIGGERS.some((t) => c.pk.startsWith(t.pk) && t.sk.some((s) => c.sk.startsWith(s)));
}

/** REPORT#agency#year → its agency and year (agency ids hold no '#'). */
function reportOf(pk: string): { agency: string; year: number } {
  const [, agency, year] = pk.split('#');
  return { agency: agency!, year: Number(year) };
}

/** PUBLIC#year#node → its year and node. */
function nodeOf(pk: string): { year: number; node: string } {
  const [, year, node] = pk.split('#');
  return { year: Number(year), node: node! };
}

/** How many reports or nodes are built at once. */
const PARALLEL = 8;

/** Applies a batch; returns the changes whose report or node could not be built (to be delivered again). */
export async function applyChanges(changes: readonly Change[]): Promise<Change[]> {
  const reports = new Map<string, Change[]>();
  const nodes = new Map<string, Change[]>();
  for (const c of changes) {
    if (!isTrigger(c)) continue;
    const into = c.pk.startsWith(keys.publicNodePrefix) ? nodes : reports;
    if (!into.has(c.pk)) into.set(c.pk, []);
    into.get(c.pk)!.push(c);
  }
  // The places of this batch's reports, in one read of the registry, made while each report's own state is read (a
  // report's build waits for its place there).
  prefetchPlaces([...reports.keys()].map((pk) => reportOf(pk).agency)).catch(() => undefined);
  const failed: Change[] = [];
  const attempt = async (pk: string, group: Change[], build: () => Promise<unknown>) => {
    try {
      await build();
    } catch (error) {
      logger.error('publishing build failed', { pk, error: error as Error });
      failed.push(...group);
    }
  };
  await mapLimit([...reports], PARALLEL, ([pk, group]) =>
    attempt(pk, group, () => {
      const { agency, year } = reportOf(pk);
      // The versions written in this batch, as written: the one made public need not be read again.
      const written = group.flatMap((c) => (c.item && c.sk.startsWith(keys.versionPrefix) ? [toMeta(c.item)] : []));
      return publishReport(agency, year, written);
    }),
  );
  await mapLimit([...nodes], PARALLEL, ([pk, group]) =>
    attempt(pk, group, () => {
      const { year, node } = nodeOf(pk);
      // The latest image of each item; a record without its image (none should come) means: read them all.
      if (group.some((c) => !c.item)) return rebuildNode(year, node);
      const latest = new Map(group.map((c) => [c.sk, c.item!]));
      const entries: PublicEntry[] = [];
      const children: ChildSummary[] = [];
      for (const [sk, item] of latest) {
        if (sk.startsWith(keys.publicAgencyPrefix)) entries.push(toPublicEntry(item));
        else children.push(toChildSummary(item));
      }
      return applyNodeChanges(year, node, { entries, children });
    }),
  );
  return failed;
}
