/**
 * Review transitions: an immutable, numbered REVIEW# item in the report's partition for each act of the reviewing
 * office (return with a reason and cell comments, accept) and for a "nothing to report" filing. Each records who,
 * when, and the version it concerns (the latest when it was made; 0 before any). The state of a report follows from
 * its latest version and its latest transition (./reviewState.ts), never from a pointer. A transition is put under
 * the number after the latest one its author saw, on condition that the number is free: two reviewers acting at once
 * cannot both act on the same state (the second is told to reload).
 */
import type { Submitter } from '../../contract/answers';
import type { CellComment, ReviewAction } from '../../contract/review';
import { isConditionFailed, projection, table } from './client';
import { KEY, keys } from './table';

export interface ReviewTransition {
  /** Its number among the report's transitions (1, 2, …). */
  readonly review: number;
  readonly action: ReviewAction;
  /** The latest version when it was made (0: none yet, a "nothing to report" filing). */
  readonly version: number;
  readonly reason?: string;
  readonly comments?: readonly CellComment[];
  readonly at: string;
  readonly by: Submitter;
}

export const REVIEW_ATTRIBUTES = ['review', 'action', 'version', 'reason', 'comments', 'at', 'by'] as const;

export class ReviewConflictError extends Error {}

export function toReview(item: Record<string, unknown>): ReviewTransition {
  const { review, action, version, reason, comments, at, by } = item as unknown as ReviewTransition;
  return {
    review,
    action,
    version,
    ...(reason ? { reason } : {}),
    ...(comments?.length ? { comments } : {}),
    at,
    by,
  };
}

/**
 * Appends a transition after `seen`, the number of the latest transition its author saw (0: none). Another one
 * appended meanwhile → ReviewConflictError, nothing written.
 */
export async function appendReview(
  agency: string,
  year: number,
  seen: number,
  t: Omit<ReviewTransition, 'review'>,
): Promise<ReviewTransition> {
  const { db } = table();
  const review: ReviewTransition = { ...t, review: seen + 1 };
  try {
    await db.put({
      Item: {
        [KEY.partition]: keys.report(agency, year),
        [KEY.sort]: keys.review(review.review),
        type: 'review',
        ...review,
      },
      ConditionExpression: 'attribute_not_exists(#pk)',
      ExpressionAttributeNames: { '#pk': KEY.partition },
    });
  } catch (err) {
    if (isConditionFailed(err)) throw new ReviewConflictError(`${agency} ${year}: review ${review.review} exists`);
    throw err;
  }
  return review;
}

/** Every transition of a report, oldest first. */
export async function listReviews(agency: string, year: number): Promise<ReviewTransition[]> {
  const { db } = table();
  const p = projection(REVIEW_ATTRIBUTES);
  const out: ReviewTransition[] = [];
  const pages = db.pages({
    KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
    ExpressionAttributeNames: { '#pk': KEY.partition, '#sk': KEY.sort, ...p.ExpressionAttributeNames },
    ExpressionAttributeValues: { ':pk': keys.report(agency, year), ':prefix': keys.reviewPrefix },
    ProjectionExpression: p.ProjectionExpression,
    ConsistentRead: true,
  });
  for await (const items of pages) for (const item of items) out.push(toReview(item));
  return out;
}

/** The latest acceptance of a report (what it publishes when its office publishes on 通过), newest first. */
export async function latestAcceptance(agency: string, year: number): Promise<ReviewTransition | undefined> {
  const { db } = table();
  const p = projection(REVIEW_ATTRIBUTES);
  const pages = db.pages({
    KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
    FilterExpression: '#action = :accept',
    ExpressionAttributeNames: {
      '#pk': KEY.partition,
      '#sk': KEY.sort,
      '#action': 'action',
      ...p.ExpressionAttributeNames,
    },
    ExpressionAttributeValues: { ':pk': keys.report(agency, year), ':prefix': keys.reviewPrefix, ':accept': 'accept' },
    ProjectionExpression: p.ProjectionExpression,
    ScanIndexForward: false,
    ConsistentRead: true,
  });
  for await (const [found] of pages) if (found) return toReview(found);
  return undefined;
}
