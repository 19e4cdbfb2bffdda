/**
 * What the public sees. By default the latest version is published. An administrator's decision (withdraw, or
 * publish a given version) is an immutable, numbered DECISION# item in the report's partition, recording who and
 * when; it applies to the versions that existed when it was made (its `basis`): a newer accepted submission is
 * published again. No pointer is ever rewritten, so the history of what was public stays complete.
 */
import type { Publication } from '../../contract/answers';
import { appendNumbered, highest, type Sequence } from './append';
import { projection, table } from './client';
import { KEY, keys, numberOf } from './table';
import { getVersion, toMeta, VERSION_READ_ATTRIBUTES, type Submitter, type VersionMeta } from './versions';

export interface Decision {
  readonly action: 'publish' | 'withdraw';
  /** For publish: the version made public. */
  readonly version?: number;
  /** The latest version when the decision was made. */
  readonly basis: number;
  readonly decidedAt: string;
  readonly decidedBy: Submitter;
  readonly reason?: string;
  /** Its number among the report's decisions. */
  readonly decision: number;
}

const DECISION_ATTRIBUTES = ['action', 'version', 'basis', 'decidedAt', 'decidedBy', 'reason', 'decision'] as const;

export type { Publication } from '../../contract/answers';

/** Decisions are small items: the next number follows the highest, read each time (no pointer). */
const DECISIONS: Sequence = { prefix: keys.decisionPrefix, sortKey: keys.decision };

export async function appendDecision(agency: string, year: number, d: Omit<Decision, 'decision'>): Promise<Decision> {
  const n = await appendNumbered(keys.report(agency, year), DECISIONS, {
    build: (decision) => ({ ...d, type: 'decision', decision }),
    isOwn: (existing) =>
      existing.decidedAt === d.decidedAt && (existing.decidedBy as Submitter | undefined)?.sub === d.decidedBy.sub,
  });
  return { ...d, decision: n };
}

function toDecision(item: Record<string, unknown>): Decision {
  const { action, version, basis, decidedAt, decidedBy, reason, decision } = item as unknown as Decision;
  return {
    action,
    ...(version !== undefined ? { version } : {}),
    basis,
    decidedAt,
    decidedBy,
    ...(reason ? { reason } : {}),
    decision,
  };
}

export async function latestDecision(agency: string, year: number): Promise<Decision | undefined> {
  const item = await highest(keys.report(agency, year), keys.decisionPrefix, DECISION_ATTRIBUTES);
  return item ? toDecision(item) : undefined;
}

/** The publication state from the latest version and the latest decision (pure). */
export function publicationOf(latest: VersionMeta | undefined, decision: Decision | undefined): Publication {
  if (!latest) return { state: 'none' };
  if (decision && latest.version <= decision.basis) {
    if (decision.action === 'withdraw')
      return { state: 'withdrawn', since: decision.decidedAt, latest: latest.version };
    return { state: 'published', version: decision.version!, since: decision.decidedAt, latest: latest.version };
  }
  return { state: 'published', version: latest.version, since: latest.submittedAt, latest: latest.version };
}

export interface PublishedVersion {
  readonly meta: VersionMeta;
  /** When this version became public. */
  readonly since: string;
}

/** Items the first read of publishedVersion takes at most: a report's versions and its latest decision, for most. */
const FIRST_READ_ITEMS = 4;

/**
 * The published version of one report, its report at hand (versionContent reads nothing more unless it was too
 * large for its item). Without the uploads. Sort keys from DECISION# on, newest first, are every version (V# sorts
 * after DECISION#) and then the decisions, of which only the first — the latest — counts: one query for the first
 * FIRST_READ_ITEMS of them answers a report with a few versions. A report with more is not read through: its latest
 * decision is read by itself, and the version it publishes too if that is not among the first read. Undefined when
 * nothing was ever accepted; `withdrawn` when taken down.
 */
export async function publishedVersion(
  agency: string,
  year: number,
): Promise<PublishedVersion | 'withdrawn' | undefined> {
  const { db } = table();
  const p = projection([KEY.sort, ...VERSION_READ_ATTRIBUTES, ...DECISION_ATTRIBUTES]);
  const first = await db.query({
    KeyConditionExpression: '#pk = :pk AND #sk >= :from',
    ExpressionAttributeNames: { '#pk': KEY.partition, '#sk': KEY.sort, ...p.ExpressionAttributeNames },
    ExpressionAttributeValues: { ':pk': keys.report(agency, year), ':from': keys.decisionPrefix },
    ProjectionExpression: p.ProjectionExpression,
    ScanIndexForward: false,
    ConsistentRead: true,
    Limit: FIRST_READ_ITEMS,
  });
  const versions = new Map<number, VersionMeta>();
  let latest: VersionMeta | undefined;
  let decision: Decision | undefined;
  for (const item of first.Items) {
    const sk = item[KEY.sort] as string;
    if (sk.startsWith(keys.versionPrefix)) {
      const meta = toMeta(item);
      latest ??= meta;
      versions.set(numberOf(sk), meta);
    } else if (sk.startsWith(keys.decisionPrefix)) {
      decision = toDecision(item);
      break;
    }
  }
  // More versions than the first read held (or a page cut short by its size): the latest decision by itself.
  if (!decision && first.LastEvaluatedKey) decision = await latestDecision(agency, year);
  const state = publicationOf(latest, decision);
  if (state.state === 'withdrawn') return 'withdrawn';
  if (state.state === 'none') return undefined;
  const meta = versions.get(state.version) ?? (await getVersion(agency, year, state.version));
  return meta ? { meta, since: state.since } : undefined;
}
