/**
 * What the public sees, as a function of the report's partition: its versions, its review transitions and the
 * administrators' decisions. A version is public when submitted, unless its office publishes on 通过 (the version
 * records its office's setting, `publishOn`): then the latest accepted version is. An administrator's decision
 * (withdraw, or publish a given version) is an immutable, numbered DECISION# item recording who and when; it applies
 * to the versions that existed when it was made (its `basis`) — a newer submission published on submission is public
 * again — and until a later acceptance. No pointer is ever rewritten, so the history of what was public stays
 * complete.
 */
import type { Publication } from '../../contract/answers';
import { appendNumbered, highest, type Sequence } from './append';
import { projection, table } from './client';
import { INLINE, KEY, keys, numberOf } from './table';
import { latestAcceptance, REVIEW_ATTRIBUTES, toReview, type ReviewTransition } from './reviews';
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

export function toDecision(item: Record<string, unknown>): Decision {
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

/**
 * The publication state (pure) from the latest version, the latest decision and, where the latest version waits for
 * 通过, the latest acceptance. On submission: the latest version, unless a decision made since it was stored. On
 * acceptance: the latest accepted version, unless a decision made since it was accepted; nothing before.
 */
export function publicationOf(
  latest: VersionMeta | undefined,
  decision: Decision | undefined,
  accepted?: Pick<ReviewTransition, 'version' | 'at'>,
): Publication {
  if (!latest) return { state: 'none' };
  const decided = (d: Decision): Publication =>
    d.action === 'withdraw'
      ? { state: 'withdrawn', since: d.decidedAt, latest: latest.version }
      : { state: 'published', version: d.version!, since: d.decidedAt, latest: latest.version };
  if ((latest.publishOn ?? 'submission') === 'acceptance') {
    if (decision && (!accepted || decision.decidedAt >= accepted.at)) return decided(decision);
    if (accepted) return { state: 'published', version: accepted.version, since: accepted.at, latest: latest.version };
    return { state: 'none', latest: latest.version, awaiting: 'acceptance' };
  }
  if (decision && latest.version <= decision.basis) return decided(decision);
  return { state: 'published', version: latest.version, since: latest.submittedAt, latest: latest.version };
}

/** Whether a report needs its latest acceptance to know what is public. */
export const waitsForAcceptance = (latest: VersionMeta | undefined) => latest?.publishOn === 'acceptance';

export interface PublishedVersion {
  readonly meta: VersionMeta;
  /** When this version became public. */
  readonly since: string;
}

/**
 * The newest items of a report's partition: enough to know what is public and how far the report has come, at a
 * cost that does not grow with its history.
 */
export interface RecentHead {
  readonly latest?: VersionMeta;
  /** The versions read, by number (the newest ones): the public version is usually among them. */
  readonly versions: ReadonlyMap<number, VersionMeta>;
  /** The latest review transition (only if among the first read, unless asked for). */
  readonly review?: ReviewTransition;
  /** The latest acceptance, where it decides what is public (the latest version waits for 通过). */
  readonly accepted?: ReviewTransition;
  readonly decision?: Decision;
}

/**
 * Reads a report's recent head. Sort keys from DECISION# on, newest first, are every version (V# sorts after
 * REVIEW# and DECISION#), then the review transitions, then the decisions, of which only the first — the latest —
 * counts: one query of the first `limit` items answers a report with a few versions. A report with more is not read
 * through: its latest decision, when it waits for 通过 its latest acceptance and, with `review`, its latest
 * transition (if none was read) are read by themselves, side by side. With `content` the versions read carry their
 * report.
 */
export async function recentHead(
  agency: string,
  year: number,
  opts: { readonly limit: number; readonly content: boolean; readonly review?: boolean },
): Promise<RecentHead> {
  const { db } = table();
  const versionAttributes = opts.content
    ? VERSION_READ_ATTRIBUTES
    : VERSION_READ_ATTRIBUTES.filter((a) => a !== INLINE.content);
  const p = projection([KEY.sort, ...versionAttributes, ...DECISION_ATTRIBUTES, ...REVIEW_ATTRIBUTES]);
  const pk = keys.report(agency, year);
  const first = await db.query({
    KeyConditionExpression: '#pk = :pk AND #sk >= :from',
    ExpressionAttributeNames: { '#pk': KEY.partition, '#sk': KEY.sort, ...p.ExpressionAttributeNames },
    ExpressionAttributeValues: { ':pk': pk, ':from': keys.decisionPrefix },
    ProjectionExpression: p.ProjectionExpression,
    ScanIndexForward: false,
    ConsistentRead: true,
    Limit: opts.limit,
  });
  const versions = new Map<number, VersionMeta>();
  let latest: VersionMeta | undefined;
  let review: ReviewTransition | undefined;
  let accepted: ReviewTransition | undefined;
  let decision: Decision | undefined;
  for (const item of first.Items) {
    const sk = item[KEY.sort] as string;
    if (sk.startsWith(keys.versionPrefix)) {
      const meta = toMeta(item);
      latest ??= meta;
      versions.set(numberOf(sk), meta);
    } else if (sk.startsWith(keys.reviewPrefix)) {
      const transition = toReview(item);
      review ??= transition;
      if (!accepted && transition.action === 'accept') accepted = transition;
    } else if (sk.startsWith(keys.decisionPrefix)) {
      decision = toDecision(item);
      break;
    }
  }
  // More items than the first read held (or a page cut short by its size): the rest, each by itself.
  if (!decision && first.LastEvaluatedKey) {
    [decision, review, accepted] = await Promise.all([
      latestDecision(agency, year),
      review || !opts.review
        ? review
        : highest(pk, keys.reviewPrefix, REVIEW_ATTRIBUTES).then((i) => (i ? toReview(i) : undefined)),
      accepted || !waitsForAcceptance(latest) ? accepted : latestAcceptance(agency, year),
    ]);
  }
  return {
    versions,
    ...(latest ? { latest } : {}),
    ...(review ? { review } : {}),
    ...(accepted && waitsForAcceptance(latest) ? { accepted } : {}),
    ...(decision ? { decision } : {}),
  };
}

/** What is public from a recent head (pure). */
export const publicationOfRecent = (head: RecentHead): Publication =>
  publicationOf(head.latest, head.decision, head.accepted);

/** Items the first read of publishedVersion takes at most: for most reports, every version and transition. */
const FIRST_READ_ITEMS = 6;

/**
 * The published version of one report, its report at hand (versionContent reads nothing more unless it was too
 * large for its item), from its recent head: the version it publishes is read by itself if it is not among the
 * first read. Without the uploads. Undefined when nothing is public; `withdrawn` when taken down.
 */
export async function publishedVersion(
  agency: string,
  year: number,
): Promise<PublishedVersion | 'withdrawn' | undefined> {
  const head = await recentHead(agency, year, { limit: FIRST_READ_ITEMS, content: true });
  const state = publicationOfRecent(head);
  if (state.state === 'withdrawn') return 'withdrawn';
  if (state.state === 'none') return undefined;
  const meta = head.versions.get(state.version) ?? (await getVersion(agency, year, state.version));
  return meta ? { meta, since: state.since } : undefined;
}

/** A report's partition without the bytes: every version's metadata, every review transition, the latest decision. */
export interface ReportHead {
  /** Oldest first. */
  readonly versions: readonly VersionMeta[];
  /** Oldest first. */
  readonly reviews: readonly ReviewTransition[];
  readonly decision?: Decision;
}

/** The publication of a report from its head (pure). */
export function publicationOfHead(head: ReportHead): Publication {
  const latest = head.versions[head.versions.length - 1];
  const accepted = [...head.reviews].reverse().find((r) => r.action === 'accept');
  return publicationOf(latest, head.decision, accepted);
}
