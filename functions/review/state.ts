/**
 * A report's review state for its office, from its partition (pure): the latest version and the latest transition.
 * A transition counts while no newer version has come since (its `version` is the latest): a return or an acceptance
 * of an older version means the report was submitted again.
 */
import type { ReviewStatus, ReviewTransitionAnswer } from '../../contract/review';
import type { ReportHead, ReviewTransition, VersionMeta } from '../store';

export function transitionAnswer(t: ReviewTransition): ReviewTransitionAnswer {
  return {
    review: t.review,
    action: t.action,
    version: t.version,
    ...(t.reason ? { reason: t.reason } : {}),
    ...(t.comments?.length ? { comments: t.comments } : {}),
    at: t.at,
    by: t.by,
  };
}

export function reviewStatusOf(head: Pick<ReportHead, 'versions' | 'reviews'>): ReviewStatus {
  return reviewStatusOfEnds(head.versions[head.versions.length - 1], head.reviews[head.reviews.length - 1]);
}

/** The same from the two items it depends on: the latest version and the latest transition (store reportEnds). */
export function reviewStatusOfEnds(
  latest: Pick<VersionMeta, 'version' | 'submittedAt'> | undefined,
  last: ReviewTransition | undefined,
): ReviewStatus {
  const version = latest?.version ?? 0;
  if (last && last.version === version) {
    const state = last.action === 'return' ? 'returned' : last.action === 'accept' ? 'accepted' : 'nothing';
    // A "nothing to report" filing holds only until a report arrives (then the version is newer than it).
    if (state !== 'nothing' || version === 0)
      return { state, version, since: last.at, transition: transitionAnswer(last) };
  }
  if (latest) return { state: 'submitted', version, since: latest.submittedAt };
  return { state: 'missing', version: 0 };
}
