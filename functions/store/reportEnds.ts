/**
 * The ends of a report's partition, each read by a query of one item: its latest version (and, when asked, its
 * first), its latest review transition and, for what is public, its latest decision (and its latest acceptance when
 * that decides). What a line of a list needs — the review desk's row of an agency, the head of a page of versions —
 * at a cost that does not grow with the report's history, where reading the partition through reads every version.
 * A DynamoDB read costs by the size of the items read, whatever is projected: a version item holds its report.
 */
import { CursorError } from './registry';
import { projection, table } from './client';
import { INLINE, KEY, keys } from './table';
import { latestAcceptance, listReviews, REVIEW_ATTRIBUTES, toReview, type ReviewTransition } from './reviews';
import { toMeta, VERSION_READ_ATTRIBUTES, type VersionMeta } from './versions';
import {
  latestDecision,
  publicationOf,
  waitsForAcceptance,
  type Decision,
  type Publication,
  type ReportHead,
} from './publication';

const META_ATTRIBUTES = VERSION_READ_ATTRIBUTES.filter((a) => a !== INLINE.content);

/** The one item of a kind at one end of the partition: the highest number (newest) or the lowest (first). */
async function end(pk: string, prefix: string, attributes: readonly string[], newest: boolean) {
  const { db } = table();
  const p = projection([KEY.sort, ...attributes]);
  const out = await db.query({
    KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
    ExpressionAttributeNames: { '#pk': KEY.partition, '#sk': KEY.sort, ...p.ExpressionAttributeNames },
    ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
    ProjectionExpression: p.ProjectionExpression,
    ScanIndexForward: !newest,
    Limit: 1,
    ConsistentRead: true,
  });
  return out.Items[0];
}

export interface ReportEnds {
  readonly latest?: VersionMeta;
  /** Read only when asked (`first`). */
  readonly first?: VersionMeta;
  /** The latest review transition. */
  readonly review?: ReviewTransition;
}

/**
 * The latest version and review transition (and the first version with `first`): two or three parallel queries.
 * With `content`, the latest version's stored report comes along (versionContent then reads nothing more); with
 * `review: false` the transition is not read (the caller reads them all).
 */
export async function reportEnds(
  agency: string,
  year: number,
  opts: { first?: boolean; content?: boolean; review?: boolean } = {},
): Promise<ReportEnds> {
  const pk = keys.report(agency, year);
  const [latest, review, first] = await Promise.all([
    end(pk, keys.versionPrefix, opts.content ? VERSION_READ_ATTRIBUTES : META_ATTRIBUTES, true),
    opts.review === false ? undefined : end(pk, keys.reviewPrefix, REVIEW_ATTRIBUTES, true),
    opts.first ? end(pk, keys.versionPrefix, META_ATTRIBUTES, false) : undefined,
  ]);
  return {
    ...(latest ? { latest: toMeta(latest) } : {}),
    ...(first ? { first: toMeta(first) } : {}),
    ...(review ? { review: toReview(review) } : {}),
  };
}

/**
 * A report's head with its latest version alone (with its report when `content`), every transition and the latest
 * decision: all that stateOfHead needs — what is public and the review state depend on the latest version alone —
 * for one report's answer or action, without reading the other versions (a report's history may be long).
 */
export async function latestHead(agency: string, year: number, opts: { content?: boolean } = {}): Promise<ReportHead> {
  const [ends, reviews, decision] = await Promise.all([
    reportEnds(agency, year, { ...opts, review: false }),
    listReviews(agency, year),
    latestDecision(agency, year),
  ]);
  return { versions: ends.latest ? [ends.latest] : [], reviews, ...(decision ? { decision } : {}) };
}

/**
 * What is public, from the report's ends: its latest decision beside them, and its latest acceptance when the
 * latest version waits for 通过 and the latest transition is not that acceptance (the same answer as
 * publicationOfHead on the whole partition).
 */
export async function publicationOfEnds(
  agency: string,
  year: number,
  ends: ReportEnds,
  decision: Decision | undefined,
): Promise<Publication> {
  let accepted = ends.review?.action === 'accept' ? ends.review : undefined;
  if (!accepted && waitsForAcceptance(ends.latest)) accepted = await latestAcceptance(agency, year);
  return publicationOf(ends.latest, decision, accepted);
}

/** One page of a report's versions, newest first; `next` asks for the older ones. */
export interface VersionPage {
  readonly versions: readonly VersionMeta[];
  readonly next?: string;
}

const encodeCursor = (version: number) => Buffer.from(`V${version}`, 'utf8').toString('base64url');

/**
 * The version a cursor (the last version number of a page) asks for versions before: anything else (garbled,
 * forged) is refused with CursorError, before anything is read.
 */
export function versionCursor(cursor: string): number {
  const text = /^[A-Za-z0-9_-]{1,16}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const m = /^V([1-9]\d{0,8})$/.exec(text);
  if (!m) throw new CursorError(cursor);
  return Number(m[1]);
}

/**
 * The versions of a report, newest first, `limit` at a time before version `before` (versionCursor of the previous
 * page's `next`), without their bytes. One item more than the page is read, so `next` is there exactly when older
 * versions remain.
 */
export async function versionPage(
  agency: string,
  year: number,
  opts: { readonly limit: number; readonly before?: number },
): Promise<VersionPage> {
  const pk = keys.report(agency, year);
  const before = opts.before;
  if (before === 1) return { versions: [] }; // nothing is older than version 1
  const { db } = table();
  const p = projection([KEY.sort, ...META_ATTRIBUTES]);
  const versions: VersionMeta[] = [];
  let more = false;
  const pages = db.pages({
    KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :low AND :high',
    ExpressionAttributeNames: { '#pk': KEY.partition, '#sk': KEY.sort, ...p.ExpressionAttributeNames },
    ExpressionAttributeValues: {
      ':pk': pk,
      ':low': keys.version(1),
      ':high': before === undefined ? `${keys.versionPrefix}~` : keys.version(before - 1),
    },
    ProjectionExpression: p.ProjectionExpression,
    ScanIndexForward: false,
    ConsistentRead: true,
    Limit: opts.limit + 1,
  });
  // A query page cut short by its size (1 MB) goes on to the next; the extra item alone says that more remain.
  for await (const items of pages) {
    for (const item of items) {
      if (versions.length === opts.limit) more = true;
      else versions.push(toMeta(item));
    }
    if (more) break;
  }
  const last = versions[versions.length - 1];
  return { versions, ...(more && last ? { next: encodeCursor(last.version) } : {}) };
}
