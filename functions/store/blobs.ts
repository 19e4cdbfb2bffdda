/**
 * Immutable byte blobs (the archived original of a submission, a version's report and findings) inside a report's
 * partition: gzip-compressed, split into parts that stay well below DynamoDB's 400 KB item limit, addressed by
 * the SHA-256 of their uncompressed bytes. Parts are written before anything refers to them.
 */
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailed, table } from './client';
import { KEY, keys } from './table';

/** Compressed bytes per item (the item limit is 400 KB including keys and names). */
export const BLOB_PART_BYTES = 300 * 1024;

export interface BlobRef {
  readonly sha256: string;
  /** Uncompressed size. */
  readonly bytes: number;
  readonly parts: number;
}

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export async function putBlob(pk: string, bytes: Uint8Array): Promise<BlobRef> {
  const sha256 = sha256Hex(bytes);
  const packed = gzipSync(bytes);
  const parts = Math.max(1, Math.ceil(packed.length / BLOB_PART_BYTES));
  const { doc, name } = table();
  await Promise.all(
    Array.from({ length: parts }, async (_, i) => {
      try {
        await doc.send(
          new PutCommand({
            TableName: name,
            Item: { [KEY.partition]: pk, [KEY.sort]: keys.blob(sha256, i), data: packed.subarray(i * BLOB_PART_BYTES, (i + 1) * BLOB_PART_BYTES) },
            // Same address, same bytes: an existing part is already right and is never overwritten.
            ConditionExpression: 'attribute_not_exists(#pk)',
            ExpressionAttributeNames: { '#pk': KEY.partition },
          }),
        );
      } catch (err) {
        if (!isConditionFailed(err)) throw err;
      }
    }),
  );
  return { sha256, bytes: bytes.length, parts };
}

export async function getBlob(pk: string, ref: BlobRef): Promise<Buffer> {
  const { doc, name } = table();
  const chunks: Uint8Array[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await doc.send(
      new QueryCommand({
        TableName: name,
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
        ExpressionAttributeNames: { '#pk': KEY.partition, '#sk': KEY.sort },
        ExpressionAttributeValues: { ':pk': pk, ':prefix': keys.blobPrefix(ref.sha256) },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    for (const item of out.Items ?? []) chunks.push(item.data as Uint8Array);
    start = out.LastEvaluatedKey;
  } while (start);
  if (chunks.length !== ref.parts) throw new Error(`blob ${ref.sha256} in ${pk}: ${chunks.length} of ${ref.parts} parts`);
  const bytes = gunzipSync(Buffer.concat(chunks));
  if (sha256Hex(bytes) !== ref.sha256) throw new Error(`blob ${ref.sha256} in ${pk}: hash mismatch`);
  return bytes;
}
