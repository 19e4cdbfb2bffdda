/**
 * The single-table design (documented in docs/storage.md). One table, generic key names, item
 * types told apart by the sort key. Every report partition is one agency and one year, so deadline-day writes spread
 * over as many partitions as there are agencies; the per-year index is sharded so no listing hits one hot key.
 */
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

export const KEY = { partition: 'pk', sort: 'sk' } as const;
/** The per-year listing: version items and agency profiles carry these two attributes. */
export const YEAR_INDEX = { name: 'byYear', partition: 'ypk', sort: 'ysk' } as const;

/** A version's metadata: who, when, what was sent (its hash), where its bytes are. Listings read exactly these. */
export const VERSION_META_ATTRIBUTES = [
  'agency',
  'agencyName',
  'year',
  'version',
  'format',
  'submittedAt',
  'submittedBy',
  'source',
  'original',
  'content',
  'counts',
  'confirmedWarnings',
  'idempotencyKey',
] as const;
/**
 * What a version records for its history beyond what listings of the year read: the SHA-256 of the report as read
 * (the same report sent twice has the same hash, whatever the file's bytes) and the client that sent it. Read with
 * the version, not projected into the index.
 */
export const VERSION_AUDIT_ATTRIBUTES = ['contentSha256', 'client'] as const;
/**
 * Read with a version from the table, never projected into the index (DynamoDB cannot change an index's projection
 * in place): when the version becomes public (`publishOn`, its office's setting when it was submitted).
 */
export const VERSION_POLICY_ATTRIBUTES = ['publishOn'] as const;
/** An agency profile's attributes besides its id and name (which versions carry too). */
export const AGENCY_PROFILE_ATTRIBUTES = ['firstSeen'] as const;
/**
 * The gzipped bytes a version item holds itself when they fit (see versions.ts): the report with its findings, and
 * the upload as it was sent. Never projected into the index: listings do not need them.
 */
export const INLINE = { content: 'contentGz', original: 'originalGz' } as const;
/** Never change once data exists: the shard of an agency is part of its index key. */
export const YEAR_SHARDS = 8;

const pad = (n: number) => String(n).padStart(10, '0');

/** FNV-1a: a stable, cheap spread of agency ids over the index shards. */
export function shardOf(agency: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < agency.length; i++) {
    h ^= agency.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % YEAR_SHARDS;
}

export const keys = {
  report: (agency: string, year: number) => `REPORT#${agency}#${year}`,
  version: (n: number) => `V#${pad(n)}`,
  versionPrefix: 'V#',
  decision: (n: number) => `DECISION#${pad(n)}`,
  decisionPrefix: 'DECISION#',
  /** Review transitions (return, accept, nothing to report): between the decisions and the versions. */
  review: (n: number) => `REVIEW#${pad(n)}`,
  reviewPrefix: 'REVIEW#',
  /** Written by earlier code (numbers handed out, claims); no longer read or written, kept in older data. */
  counter: 'COUNTER',
  /** An Idempotency-Key of a submission to the report (idempotency.ts); sorts before COUNTER and DECISION#. */
  claim: (key: string) => `CLAIM#${key}`,
  blob: (sha256: string, part: number) => `BLOB#${sha256}#${String(part).padStart(4, '0')}`,
  blobPrefix: (sha256: string) => `BLOB#${sha256}#`,
  agency: (agency: string) => `AGENCY#${agency}`,
  agencySort: 'PROFILE',
  yearShard: (year: number, shard: number) => `YEAR#${year}#${shard}`,
  yearSort: (agency: string, version: number) => `${agency}#${pad(version)}`,
  /** One agency's versions in a year shard (agency ids have no `#`, so no other agency's sort keys start so). */
  yearSortPrefix: (agency: string) => `${agency}#`,
  agenciesShard: (shard: number) => `AGENCIES#${shard}`,
  /** The agencies an office reviews, one member item each (a copy of the record), listed in pages. */
  office: (office: string) => `OFFICE#${office}`,
  /** The agencies that belong to a government (its departments and the governments one level down); `-`: the top. */
  region: (parent: string | null) => `REGION#${parent ?? '-'}`,
  member: (agency: string) => `A#${agency}`,
  memberPrefix: 'A#',
  /**
   * What the public sees, by node of the published tree (functions/published/): one item per report (its public
   * state and record, A#agency) and one per child node (its published count, C#node), in the partition of the node.
   * Written by the publishing builder only; a node's changes thus reach the stream in one partition, in order.
   */
  publicNode: (year: number, node: string) => `PUBLIC#${year}#${node}`,
  publicNodePrefix: 'PUBLIC#',
  publicAgency: (agency: string) => `A#${agency}`,
  publicAgencyPrefix: 'A#',
  publicChild: (node: string) => `C#${node}`,
  publicChildPrefix: 'C#',
} as const;

/** The number at the end of a numbered sort key (V#0000000003 → 3). */
export function numberOf(sortKey: string): number {
  return Number(sortKey.slice(sortKey.lastIndexOf('#') + 1));
}

/** The table as the local stack and the tests create it (the CDK stack declares the same keys and index). */
export function createTableInput(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: KEY.partition, AttributeType: 'S' },
      { AttributeName: KEY.sort, AttributeType: 'S' },
      { AttributeName: YEAR_INDEX.partition, AttributeType: 'S' },
      { AttributeName: YEAR_INDEX.sort, AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: KEY.partition, KeyType: 'HASH' },
      { AttributeName: KEY.sort, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: YEAR_INDEX.name,
        KeySchema: [
          { AttributeName: YEAR_INDEX.partition, KeyType: 'HASH' },
          { AttributeName: YEAR_INDEX.sort, KeyType: 'RANGE' },
        ],
        // What the listings read (toMeta, agency profiles), not the inline report and upload: a small index.
        Projection: {
          ProjectionType: 'INCLUDE',
          NonKeyAttributes: [...VERSION_META_ATTRIBUTES, ...AGENCY_PROFILE_ATTRIBUTES],
        },
      },
    ],
  };
}
