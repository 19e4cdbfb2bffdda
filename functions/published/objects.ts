/**
 * Where the builder writes the published objects: an S3 bucket on AWS (PUBLISHED_BUCKET, see s3.ts), a folder of the
 * data directory on the local stack (dev/objectStore.ts). Keys are the public paths without their leading slash
 * (contract/published.ts). The builder is the only writer; readers (CloudFront, the local server) serve the objects
 * as they are.
 */
import { readEnv } from '../env';

export interface ObjectMeta {
  readonly contentType: string;
  /** The HTTP status the object is served with when not 200 (a withdrawn report's page: 410). */
  readonly status?: number;
}

export interface ObjectStore {
  /** The object's bytes, or undefined when there is none. */
  get(key: string): Promise<Buffer | undefined>;
  put(key: string, body: string | Buffer, meta: ObjectMeta): Promise<void>;
  delete(key: string): Promise<void>;
  /** Every key under a prefix (for the rebuild's sweep of objects nothing refers to any more). */
  list(prefix: string): AsyncIterable<string>;
}

/** How long browsers and the CDN may keep a published object before asking again. */
export const PUBLISHED_CACHE_CONTROL = 'public, max-age=60';

let configured: ObjectStore | undefined;
let fromEnv: { bucket: string; store: ObjectStore } | undefined;

/** Sets the store (the local stack, the tests); undefined returns to the environment's bucket. */
export function configureObjectStore(store: ObjectStore | undefined): void {
  configured = store;
}

/** The configured store, else the S3 bucket named by PUBLISHED_BUCKET. */
export function objectStore(env: NodeJS.ProcessEnv = process.env): ObjectStore {
  if (configured) return configured;
  const bucket = env.PUBLISHED_BUCKET;
  if (!bucket) throw new Error('PUBLISHED_BUCKET is not set and no object store is configured');
  if (fromEnv?.bucket !== bucket) {
    // Required here, not imported above: only the builder's bundle carries the S3 client.
    const { s3ObjectStore } = require('./s3') as typeof import('./s3');
    fromEnv = { bucket, store: s3ObjectStore(bucket, readEnv().region) };
  }
  return fromEnv.store;
}
