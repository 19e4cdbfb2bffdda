/**
 * The published objects in an S3 bucket (the builder function on AWS, the admin tool's rebuild). CloudFront serves
 * the bucket through origin access control; the status of a withdrawn page travels as object metadata, which a
 * CloudFront function turns into the response status (infra/constructs/published-data.ts).
 */
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { PUBLISHED_CACHE_CONTROL, type ObjectStore } from './objects';

/** The metadata key (x-amz-meta-status) that carries a non-200 status. */
export const STATUS_METADATA = 'status';

export function s3ObjectStore(bucket: string, region: string, client = new S3Client({ region })): ObjectStore {
  return {
    async get(key) {
      try {
        const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return out.Body ? Buffer.from(await out.Body.transformToByteArray()) : Buffer.alloc(0);
      } catch (err) {
        if (err instanceof NoSuchKey || (err as { name?: string }).name === 'NoSuchKey') return undefined;
        throw err;
      }
    },
    async put(key, body, meta) {
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: body,
          ContentType: meta.contentType,
          CacheControl: PUBLISHED_CACHE_CONTROL,
          ...(meta.status ? { Metadata: { [STATUS_METADATA]: String(meta.status) } } : {}),
        }),
      );
    },
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
    async *list(prefix) {
      let token: string | undefined;
      do {
        const out = await client.send(
          new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
        );
        for (const o of out.Contents ?? []) if (o.Key) yield o.Key;
        token = out.IsTruncated ? out.NextContinuationToken : undefined;
      } while (token);
    },
  };
}
