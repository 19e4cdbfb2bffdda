/**
 * Published pages and open data on one machine: the builder of AWS (functions/published/) fed by the store's own
 * writes instead of a DynamoDB Stream (dynalite has none), writing into a folder of the data directory instead of
 * S3, and the server's GETs of /published/… and /open-data/… answered from that folder as CloudFront answers them
 * from the bucket. A GET waits until the builder has caught up with the writes before it (a second at most), so a
 * clerk who opens the page right after submitting sees their report; on AWS it appears within seconds.
 */
import { join } from 'node:path';
import { publishedKeyOf } from '../contract/published';
import { staticContentType } from '../contract/media';
import { applyChanges, isTrigger } from '../functions/published/changes';
import { configureObjectStore } from '../functions/published/objects';
import { rebuildAll, rebuildYear, type RebuildResult } from '../functions/published/rebuild';
import { htmlCsp } from '../functions/http/response';
import { observeWrites } from '../functions/store';
import { fsObjectStore, type FsObjectStore } from './objectStore';
import { localStream, type LocalStream } from './stream';

export interface PublishedResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

export interface LocalPublishing {
  readonly store: FsObjectStore;
  readonly stream: LocalStream;
  /** The answer to a GET of a published path, or undefined when the path is not one (it may still be a 404). */
  serve(path: string): Promise<PublishedResponse | undefined>;
  /** Resolves once every write so far has been built. */
  settled(): Promise<void>;
  /** Turns the builder off (writes are then not built at all: the benchmark's submissions without it) or on. */
  setEnabled(on: boolean): void;
  rebuild(year?: number, log?: (line: string) => void): Promise<RebuildResult[]>;
  close(): Promise<void>;
}

/** The published objects' folder under a data directory. */
export const publishedDir = (dataDir: string): string => join(dataDir, 'published');

/** How long a GET waits for the builder to catch up. */
const SETTLE_MS = 1000;

const NOT_FOUND = Buffer.from(
  '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>未找到</title></head><body><h1>未找到</h1><p lang="en">Not found</p></body></html>',
);

/** Starts building into `dir`; one per process (it observes the store's writes). */
export function startLocalPublishing(opts: { dir: string; log?: (line: string) => void }): LocalPublishing {
  const store = fsObjectStore(opts.dir);
  configureObjectStore(store);
  const stream = localStream({ apply: applyChanges, ...(opts.log ? { log: opts.log } : {}) });
  let enabled = true;
  observeWrites((w) => {
    if (enabled && isTrigger(w)) stream.push({ pk: w.pk, sk: w.sk, ...(w.item ? { item: w.item } : {}) });
  });
  const settled = () => stream.idle();
  return {
    store,
    stream,
    async serve(path) {
      const key = publishedKeyOf(path);
      if (key === undefined) return undefined;
      await Promise.race([settled(), new Promise((r) => setTimeout(r, SETTLE_MS).unref())]);
      const found = await store.read(key);
      const headers: Record<string, string> = {
        'content-type': found ? staticContentType(key) : 'text/html; charset=utf-8',
        'cache-control': found?.status === 200 ? 'public, max-age=60' : 'no-store',
        'content-security-policy': htmlCsp(),
        'referrer-policy': 'no-referrer',
        'x-content-type-options': 'nosniff',
      };
      return found ? { status: found.status, headers, body: found.body } : { status: 404, headers, body: NOT_FOUND };
    },
    settled,
    setEnabled(on) {
      enabled = on;
    },
    async rebuild(year, log) {
      await settled();
      return year === undefined
        ? rebuildAll({ ...(log ? { log } : {}) })
        : [await rebuildYear(year, log ? { log } : {})];
    },
    async close() {
      observeWrites(undefined);
      await settled();
      configureObjectStore(undefined);
    },
  };
}
