/**
 * A report's whole history read straight from its partition — every version (metadata only), every review
 * transition, the latest decision. No request of the product reads this much any more (they read a report's ends or
 * its newest items); the tests use it as the reference those bounded reads must agree with, and to count what was
 * stored.
 */
import {
  INLINE,
  KEY,
  VERSION_READ_ATTRIBUTES,
  keys,
  projection,
  table,
  toDecision,
  toMeta,
  toReview,
  type Decision,
  type ReviewTransition,
  type ReportHead,
  type VersionMeta,
} from '../../functions/store';

/** Every version of a report, oldest first, without its stored bytes. */
export async function listVersions(agency: string, year: number): Promise<VersionMeta[]> {
  const p = projection(VERSION_READ_ATTRIBUTES.filter((a) => a !== INLINE.content));
  const out: VersionMeta[] = [];
  const pages = table().db.pages({
    KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
    ExpressionAttributeNames: { '#pk': KEY.partition, '#sk': KEY.sort, ...p.ExpressionAttributeNames },
    ExpressionAttributeValues: { ':pk': keys.report(agency, year), ':prefix': keys.versionPrefix },
    ProjectionExpression: p.ProjectionExpression,
    ConsistentRead: true,
  });
  for await (const items of pages) for (const item of items) out.push(toMeta(item));
  return out;
}

/** The whole head of a report, in one query through its partition from DECISION# on: every version and transition
 * (oldest first) and the latest decision. */
export async function wholeHead(agency: string, year: number): Promise<ReportHead> {
  const versions: VersionMeta[] = [];
  const reviews: ReviewTransition[] = [];
  let decision: Decision | undefined;
  const pages = table().db.pages({
    KeyConditionExpression: '#pk = :pk AND #sk >= :from',
    ExpressionAttributeNames: { '#pk': KEY.partition, '#sk': KEY.sort },
    ExpressionAttributeValues: { ':pk': keys.report(agency, year), ':from': keys.decisionPrefix },
    ConsistentRead: true,
  });
  for await (const items of pages)
    for (const item of items) {
      const sk = item[KEY.sort] as string;
      if (sk.startsWith(keys.versionPrefix)) versions.push(toMeta(item));
      else if (sk.startsWith(keys.reviewPrefix)) reviews.push(toReview(item));
      else if (sk.startsWith(keys.decisionPrefix)) decision = toDecision(item);
    }
  return { versions, reviews, ...(decision ? { decision } : {}) };
}
