/**
 * What the public sees. By default the latest version is published. An administrator's decision (withdraw, or
 * publish a given version) is an immutable, numbered DECISION# item in the report's partition, recording who and
 * when; it applies to the versions that existed when it was made (its `basis`): a newer accepted submission is
 * published again. No pointer is ever rewritten, so the history of what was public stays complete.
 */
import { appendNumbered, highest } from './append';
import { projection, table } from './client';
import { KEY, keys, numberOf } from './table';
import { toMeta, VERSION_READ_ATTRIBUTES, type Submitter, type VersionMeta } from './versions';

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

export type Publication =
  | { readonly state: 'none' }
  | { readonly state: 'withdrawn'; readonly since: string; readonly latest: number }
  | { readonly state: 'published'; readonly version: number; readonly since: string; readonly latest: number };

export async function appendDecision(agency: string, year: number, d: Omit<Decision, 'decision'>): Promise<Decision> {
  const n = await appendNumbered(keys.report(agency, year), {
    prefix: keys.decisionPrefix,
    counter: 'decisions',
    sortKey: keys.decision,
    build: (decision) => ({ ...d, type: 'decision', decision }),
    isOwn: (existing) => existing.decidedAt === d.decidedAt && (existing.decidedBy as Submitter | undefined)?.sub === d.decidedBy.sub,
  });
  return { ...d, decision: n };
}

function toDecision(item: Record<string, unknown>): Decision {
  const { action, version, basis, decidedAt, decidedBy, reason, decision } = item as unknown as Decision;
  return { action, ...(version !== undefined ? { version } : {}), basis, decidedAt, decidedBy, ...(reason ? { reason } : {}), decision };
}

export async function latestDecision(agency: string, year: number): Promise<Decision | undefined> {
  const item = await highest(keys.report(agency, year), keys.decisionPrefix, DECISION_ATTRIBUTES);
  return item ? toDecision(item) : undefined;
}

/** The publication state from the latest version and the latest decision (pure). */
export function publicationOf(latest: VersionMeta | undefined, decision: Decision | undefined): Publication {
  if (!latest) return { state: 'none' };
  if (decision && latest.version <= decision.basis) {
    if (decision.action === 'withdraw') return { state: 'withdrawn', since: decision.decidedAt, latest: latest.version };
    return { state: 'published', version: decision.version!, since: decision.decidedAt, latest: latest.version };
  }
  return { state: 'published', version: latest.version, since: latest.submittedAt, latest: latest.version };
}

export interface PublishedVersion {
  readonly meta: VersionMeta;
  /** When this version became public. */
  readonly since: string;
}

/**
 * The published version of one report, its report at hand (versionContent reads nothing more unless it was too
 * large for its item), in one query: sort keys from DECISION# on, newest first, are every version (V# sorts after
 * DECISION#) and then the decisions, of which only the first — the latest — is needed. Without the uploads.
 * Undefined when nothing was ever accepted; `withdrawn` when taken down.
 */
export async function publishedVersion(agency: string, year: number): Promise<PublishedVersion | 'withdrawn' | undefined> {
  const { db } = table();
  const p = projection([KEY.sort, ...VERSION_READ_ATTRIBUTES, ...DECISION_ATTRIBUTES]);
  const versions = new Map<number, VersionMeta>();
  let latest: VersionMeta | undefined;
  let decision: Decision | undefined;
  const pages = db.pages({
    KeyConditionExpression: '#pk = :pk AND #sk >= :from',
    ExpressionAttributeNames: { '#pk': KEY.partition, '#sk': KEY.sort, ...p.ExpressionAttributeNames },
    ExpressionAttributeValues: { ':pk': keys.report(agency, year), ':from': keys.decisionPrefix },
    ProjectionExpression: p.ProjectionExpression,
    ScanIndexForward: false,
    ConsistentRead: true,
  });
  reading: for await (const items of pages) {
    for (const item of items) {
      const sk = item[KEY.sort] as string;
      if (sk.startsWith(keys.versionPrefix)) {
        const meta = toMeta(item);
        latest ??= meta;
        versions.set(numberOf(sk), meta);
      } else if (sk.startsWith(keys.decisionPrefix)) {
        decision = toDecision(item);
        break reading;
      }
    }
  }
  const state = publicationOf(latest, decision);
  if (state.state === 'withdrawn') return 'withdrawn';
  if (state.state === 'none') return undefined;
  const meta = versions.get(state.version);
  return meta ? { meta, since: state.since } : undefined;
}
