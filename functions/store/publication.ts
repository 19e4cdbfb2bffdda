/**
 * What the public sees. By default the latest version is published. An administrator's decision (withdraw, or
 * publish a given version) is an immutable, numbered DECISION# item in the report's partition, recording who and
 * when; it applies to the versions that existed when it was made (its `basis`): a newer accepted submission is
 * published again. No pointer is ever rewritten, so the history of what was public stays complete.
 */
import { appendNumbered, highest } from './append';
import { keys } from './table';
import type { Submitter, VersionMeta } from './versions';

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

export type Publication =
  | { readonly state: 'none' }
  | { readonly state: 'withdrawn'; readonly since: string; readonly latest: number }
  | { readonly state: 'published'; readonly version: number; readonly since: string; readonly latest: number };

export async function appendDecision(agency: string, year: number, d: Omit<Decision, 'decision'>): Promise<Decision> {
  const n = await appendNumbered(keys.report(agency, year), keys.decisionPrefix, 'decisions', keys.decision, (decision) => ({
    ...d,
    type: 'decision',
    decision,
  }));
  return { ...d, decision: n };
}

export async function latestDecision(agency: string, year: number): Promise<Decision | undefined> {
  const item = await highest(keys.report(agency, year), keys.decisionPrefix);
  if (!item) return undefined;
  const { action, version, basis, decidedAt, decidedBy, reason, decision } = item as unknown as Decision;
  return { action, ...(version !== undefined ? { version } : {}), basis, decidedAt, decidedBy, ...(reason ? { reason } : {}), decision };
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
