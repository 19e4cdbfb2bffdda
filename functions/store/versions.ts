/**
 * Report versions: immutable, one item each (V#0000000001, …) in the partition of one agency and year, numbered
 * 1, 2, 3 … without holes (append.ts). The item records who, when, from which client, the hash of what was sent and
 * of the report as read, and holds the report with its findings and the original upload, gzipped, when they fit
 * (nearly always); larger ones are blob parts written first (versionBytes.ts). "Latest" is the highest version item.
 */
import type { Submitter, SubmittingClient } from '../../contract/answers';
import type { PublishOn } from '../../contract/registry';
import type { SubmissionKind } from '../../contract/media';
import type { FormatVersion } from '../../report/format/types';
import type { Finding, Report } from '../../report/model/types';
import { appendNumbered, highest, type Sequence } from './append';
import { getBlob, unpack, type BlobRef } from './blobs';
import { projection, table } from './client';
import {
  INLINE,
  KEY,
  VERSION_AUDIT_ATTRIBUTES,
  VERSION_META_ATTRIBUTES,
  VERSION_POLICY_ATTRIBUTES,
  YEAR_INDEX,
  keys,
  numberOf,
  shardOf,
} from './table';
import { packVersion, placeVersionBytes, type PackedVersion } from './versionBytes';

export type { Submitter } from '../../contract/answers';
export type SourceKind = SubmissionKind;

export interface VersionMeta {
  readonly agency: string;
  /** The name it is published under: the registered official name, else the report's own 行政机关名称. */
  readonly agencyName: string | null;
  readonly year: number;
  readonly version: number;
  readonly format: FormatVersion;
  /**
   * When it becomes public: once accepted (its office publishes on 通过), or on submission (the office's other
   * setting, or no office). Absent (versions before the registry, and in listings from the index): on submission.
   */
  readonly publishOn?: PublishOn;
  readonly submittedAt: string;
  readonly submittedBy: Submitter;
  /** What was sent: its content type, size and SHA-256. */
  readonly source: {
    readonly kind: SourceKind;
    readonly contentType: string;
    readonly bytes: number;
    readonly sha256: string;
  };
  readonly original: BlobRef;
  readonly content: BlobRef;
  readonly counts: { readonly error: number; readonly warning: number; readonly info: number };
  /** The warning codes the submitter confirmed. */
  readonly confirmedWarnings: readonly string[];
  readonly idempotencyKey: string;
  /** The SHA-256 of the report as read (absent on versions stored before it was recorded). */
  readonly contentSha256?: string;
  readonly client?: SubmittingClient;
}

export interface VersionContent {
  readonly report: Report;
  readonly findings: readonly Finding[];
}

/** A version to store; it is numbered and timed (submittedAt) when it is put. */
export type NewVersion = Omit<VersionMeta, 'version' | 'original' | 'content' | 'submittedAt'>;

export const VERSIONS: Sequence = { prefix: keys.versionPrefix, sortKey: keys.version };

/** A version as the year index lists it: its number and when it was stored. */
export interface RecentVersion {
  readonly version: number;
  readonly submittedAt: string;
}

/** The first page of recentVersions: enough unless the report took that many versions within the window. */
export const RECENT_FIRST_PAGE = 4;

/**
 * The latest versions of one report, newest first, from the report's own partition (a consistent read: the number to
 * try next must never be ahead of what is stored — the local emulator writes an item's index entries before the item,
 * so after a kill -9 between the two its index shows a version that does not exist, and numbering from it would leave
 * a hole; the table itself never does; test/reliability/crash). At most `limit`, and none older than needed — reading
 * stops at the first version stored at or before `since` (numbers follow the order of storing, so every later one is
 * newer). Read beside last year's report when a submission comes in: the first gives the number to try next, those
 * since the rate window opened are what the rate limit counts. One query of RECENT_FIRST_PAGE items (billed by their
 * size, ~10–30 KB each, though only number and time are returned); a second only when all of those fall within the
 * window (a report submitted that often), so the cost does not grow with the versions a report has.
 */
export async function recentVersions(
  agency: string,
  year: number,
  limit: number,
  since = Number.NEGATIVE_INFINITY,
): Promise<RecentVersion[]> {
  const { db } = table();
  const out: RecentVersion[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.query({
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :v)',
      ExpressionAttributeNames: { '#pk': KEY.partition, '#sk': KEY.sort, '#at': 'submittedAt' },
      ExpressionAttributeValues: { ':pk': keys.report(agency, year), ':v': keys.versionPrefix },
      ProjectionExpression: '#sk, #at',
      ScanIndexForward: false,
      ConsistentRead: true,
      Limit: Math.max(1, out.length === 0 ? Math.min(limit, RECENT_FIRST_PAGE) : limit - out.length),
      ...(start ? { ExclusiveStartKey: start } : {}),
    });
    for (const i of page.Items)
      out.push({ version: numberOf(i[KEY.sort] as string), submittedAt: String(i.submittedAt) });
    start = page.LastEvaluatedKey;
  } while (start && out.length < limit && Date.parse(out[out.length - 1]?.submittedAt ?? '') > since);
  return out;
}

/** What reads of a version fetch: its metadata and report, not the upload (only its download needs that). */
export const VERSION_READ_ATTRIBUTES: readonly string[] = [
  ...VERSION_META_ATTRIBUTES,
  ...VERSION_AUDIT_ATTRIBUTES,
  ...VERSION_POLICY_ATTRIBUTES,
  INLINE.content,
];

/** The gzipped bytes that came with the item a meta was read from (kept beside it, never part of an answer). */
const inlineOf = new WeakMap<VersionMeta, { content?: Uint8Array; original?: Uint8Array }>();

export function toMeta(item: Record<string, unknown>): VersionMeta {
  const meta = Object.fromEntries(
    [...VERSION_META_ATTRIBUTES, ...VERSION_AUDIT_ATTRIBUTES, ...VERSION_POLICY_ATTRIBUTES]
      .filter((f) => item[f] !== undefined)
      .map((f) => [f, item[f]]),
  ) as unknown as VersionMeta;
  const content = item[INLINE.content] as Uint8Array | undefined;
  const original = item[INLINE.original] as Uint8Array | undefined;
  if (content || original) inlineOf.set(meta, { ...(content ? { content } : {}), ...(original ? { original } : {}) });
  return meta;
}

export interface PutVersionOptions {
  /** Where it is numbered from: the highest version as read (recentVersions), else it is read first. */
  readonly after?: number;
  /** Its bytes as packVersion made them for this very version (compressed ahead, while other work waited). */
  readonly packed?: PackedVersion;
}

/**
 * Stores a new version under the next number (append.ts): one item holding its report and upload when they fit
 * (the report first: every read wants it), timed when it is put. What does not fit is written as blob parts first,
 * so a crash before the version item leaves unreferenced parts, never a half-visible version or a number unused.
 */
export async function putVersion(
  v: NewVersion,
  original: Uint8Array,
  content: VersionContent,
  opts: PutVersionOptions = {},
): Promise<VersionMeta> {
  const pk = keys.report(v.agency, v.year);
  const stored = await placeVersionBytes(pk, opts.packed ?? (await packVersion(v, original, content)));
  const base = { ...v, original: stored.original, content: stored.content };
  const shard = shardOf(v.agency);
  let item: Record<string, unknown> = {};
  const version = await appendNumbered(pk, VERSIONS, {
    build: (n) =>
      (item = {
        ...base,
        ...stored.inline,
        submittedAt: new Date().toISOString(),
        type: 'version',
        version: n,
        [YEAR_INDEX.partition]: keys.yearShard(v.year, shard),
        [YEAR_INDEX.sort]: keys.yearSort(v.agency, n),
      }),
    isOwn: (existing, mine) =>
      existing.idempotencyKey === mine.idempotencyKey && existing.submittedAt === mine.submittedAt,
    ...(opts.after !== undefined ? { after: opts.after } : {}),
  });
  return toMeta({ ...item, version });
}

export async function latestVersion(agency: string, year: number): Promise<VersionMeta | undefined> {
  const item = await highest(keys.report(agency, year), keys.versionPrefix, VERSION_READ_ATTRIBUTES);
  return item ? toMeta(item) : undefined;
}

export async function getVersion(agency: string, year: number, version: number): Promise<VersionMeta | undefined> {
  const { db } = table();
  const out = await db.get({
    Key: { [KEY.partition]: keys.report(agency, year), [KEY.sort]: keys.version(version) },
    ...projection(VERSION_READ_ATTRIBUTES),
    ConsistentRead: true,
  });
  return out.Item ? toMeta(out.Item) : undefined;
}

/** Stored bytes of a version: held in its item (read with it, or fetched now), or in blob parts. */
async function bytesOf(meta: VersionMeta, which: keyof typeof INLINE): Promise<Buffer> {
  const pk = keys.report(meta.agency, meta.year);
  const ref = meta[which];
  if (ref.parts > 0) return getBlob(pk, ref);
  let gz = inlineOf.get(meta)?.[which];
  if (!gz) {
    const { db } = table();
    const out = await db.get({
      Key: { [KEY.partition]: pk, [KEY.sort]: keys.version(meta.version) },
      ...projection([INLINE[which]]),
      ConsistentRead: true,
    });
    gz = out.Item?.[INLINE[which]] as Uint8Array | undefined;
    if (!gz) throw new Error(`${pk} version ${meta.version}: no ${INLINE[which]}`);
  }
  return unpack(gz, ref, pk);
}

export async function versionContent(meta: VersionMeta): Promise<VersionContent> {
  return JSON.parse((await bytesOf(meta, 'content')).toString('utf8')) as VersionContent;
}

export function versionOriginal(meta: VersionMeta): Promise<Buffer> {
  return bytesOf(meta, 'original');
}
