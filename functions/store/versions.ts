/**
 * Report versions: immutable, one item each (V#0000000001, …) in the partition of one agency and year, numbered
 * by conditional writes. The item holds the metadata (who, when, the hash of what was sent); the report with its
 * findings and the original bytes are blobs written first. "Latest" is the highest version item, never a pointer.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { FormatVersion } from '../../report/format/types';
import type { Finding, Report } from '../../report/model/types';
import { appendNumbered, highest, reserveNumber } from './append';
import { getBlob, putBlob, type BlobRef } from './blobs';
import { table } from './client';
import { KEY, YEAR_INDEX, keys, shardOf } from './table';
import { forEachInShards } from './yearIndex';

export type SourceKind = 'json' | 'xlsx' | 'text' | 'html';

export interface Submitter {
  readonly sub: string;
  readonly username?: string;
  /** The agency of the submitter's token (an admin may submit for another agency). */
  readonly agency?: string;
  readonly admin: boolean;
}

export interface VersionMeta {
  readonly agency: string;
  /** 行政机关名称 as the report states it. */
  readonly agencyName: string | null;
  readonly year: number;
  readonly version: number;
  readonly format: FormatVersion;
  readonly submittedAt: string;
  readonly submittedBy: Submitter;
  /** What was sent: its content type, size and SHA-256. */
  readonly source: { readonly kind: SourceKind; readonly contentType: string; readonly bytes: number; readonly sha256: string };
  readonly original: BlobRef;
  readonly content: BlobRef;
  readonly counts: { readonly error: number; readonly warning: number; readonly info: number };
  /** The warning codes the submitter confirmed. */
  readonly confirmedWarnings: readonly string[];
  readonly idempotencyKey: string;
}

export interface VersionContent {
  readonly report: Report;
  readonly findings: readonly Finding[];
}

export type NewVersion = Omit<VersionMeta, 'version' | 'original' | 'content'>;

const META_FIELDS = [
  'agency', 'agencyName', 'year', 'version', 'format', 'submittedAt', 'submittedBy', 'source', 'original', 'content',
  'counts', 'confirmedWarnings', 'idempotencyKey',
] as const;

function toMeta(item: Record<string, unknown>): VersionMeta {
  return Object.fromEntries(META_FIELDS.map((f) => [f, item[f]])) as unknown as VersionMeta;
}

/**
 * Stores a new version: its number is reserved while the blobs are written, then the version item is put under it.
 * A crash before that put leaves unreferenced blobs and an unused number, never a half-visible version.
 */
export async function putVersion(v: NewVersion, original: Uint8Array, content: VersionContent): Promise<VersionMeta> {
  const pk = keys.report(v.agency, v.year);
  const [originalRef, contentRef, reserved] = await Promise.all([
    putBlob(pk, original),
    putBlob(pk, Buffer.from(JSON.stringify(content), 'utf8')),
    reserveNumber(pk, 'versions'),
  ]);
  const base = { ...v, original: originalRef, content: contentRef };
  const shard = shardOf(v.agency);
  const version = await appendNumbered(
    pk,
    keys.versionPrefix,
    'versions',
    keys.version,
    (n) => ({
      ...base,
      type: 'version',
      version: n,
      [YEAR_INDEX.partition]: keys.yearShard(v.year, shard),
      [YEAR_INDEX.sort]: keys.yearSort(v.agency, n),
    }),
    reserved,
  );
  return { ...base, version };
}

export async function latestVersion(agency: string, year: number): Promise<VersionMeta | undefined> {
  const item = await highest(keys.report(agency, year), keys.versionPrefix);
  return item ? toMeta(item) : undefined;
}

export async function getVersion(agency: string, year: number, version: number): Promise<VersionMeta | undefined> {
  const { doc, name } = table();
  const out = await doc.send(
    new GetCommand({
      TableName: name,
      Key: { [KEY.partition]: keys.report(agency, year), [KEY.sort]: keys.version(version) },
      ConsistentRead: true,
    }),
  );
  return out.Item ? toMeta(out.Item) : undefined;
}

async function queryVersions(agency: string, year: number, filter?: { idempotencyKey: string }): Promise<VersionMeta[]> {
  const { doc, name } = table();
  const out: VersionMeta[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new QueryCommand({
        TableName: name,
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
        ExpressionAttributeNames: { '#pk': KEY.partition, '#sk': KEY.sort, ...(filter ? { '#ik': 'idempotencyKey' } : {}) },
        ExpressionAttributeValues: {
          ':pk': keys.report(agency, year),
          ':prefix': keys.versionPrefix,
          ...(filter ? { ':ik': filter.idempotencyKey } : {}),
        },
        ...(filter ? { FilterExpression: '#ik = :ik' } : {}),
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) out.push(toMeta(item));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

/** Every version of one agency's report for a year, oldest first. */
export function listVersions(agency: string, year: number): Promise<VersionMeta[]> {
  return queryVersions(agency, year);
}

/** The version a submission with this idempotency key already created, if any (after a crash mid-submission). */
export async function versionByIdempotencyKey(agency: string, year: number, key: string): Promise<VersionMeta | undefined> {
  return (await queryVersions(agency, year, { idempotencyKey: key }))[0];
}

export async function versionContent(meta: VersionMeta): Promise<VersionContent> {
  const bytes = await getBlob(keys.report(meta.agency, meta.year), meta.content);
  return JSON.parse(bytes.toString('utf8')) as VersionContent;
}

export function versionOriginal(meta: VersionMeta): Promise<Buffer> {
  return getBlob(keys.report(meta.agency, meta.year), meta.original);
}

/**
 * The latest version of every agency that submitted for a year, read from the sharded per-year index (all shards
 * in parallel). The index is eventually consistent: a submission appears within about a second.
 */
export async function latestVersionsOfYear(year: number): Promise<Map<string, VersionMeta>> {
  const latest = new Map<string, VersionMeta>();
  await forEachInShards((shard) => keys.yearShard(year, shard), (item) => {
    const meta = toMeta(item);
    const seen = latest.get(meta.agency);
    if (!seen || seen.version < meta.version) latest.set(meta.agency, meta);
  });
  return latest;
}
