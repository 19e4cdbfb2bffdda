/**
 * The local stand-in for the table's DynamoDB Stream and the builder's event source mapping: the store's writes
 * (observed in functions/store/client.ts) are queued in the order they were made and handed to the same builder code
 * as Lambda's batches are (functions/published/changes.ts), one batch at a time. A batch's failed changes are tried
 * again a few times, then reported and dropped (the rebuild recreates everything from the table).
 */
import type { Change } from '../functions/published/changes';

export interface LocalStreamOptions {
  /** Applies a batch; returns the changes to deliver again. */
  readonly apply: (changes: readonly Change[]) => Promise<Change[]>;
  /** Most changes in one batch (the event source mapping's batch size). */
  readonly batchSize?: number;
  readonly retries?: number;
  readonly log?: (line: string) => void;
}

export interface LocalStream {
  push(change: Change): void;
  /** Resolves once every change queued so far (and what building them wrote) has been applied. */
  idle(): Promise<void>;
  /** Changes applied so far, batches run, and changes dropped after their retries. */
  readonly stats: { applied: number; batches: number; dropped: number };
}

export function localStream(opts: LocalStreamOptions): LocalStream {
  const batchSize = opts.batchSize ?? 100;
  const retries = opts.retries ?? 3;
  const queue: Change[] = [];
  const stats = { applied: 0, batches: 0, dropped: 0 };
  let running: Promise<void> | undefined;

  const apply = async (changes: readonly Change[]): Promise<Change[]> => {
    try {
      return await opts.apply(changes);
    } catch (e) {
      opts.log?.(`publishing: a batch failed: ${(e as Error).stack ?? String(e)}`);
      return [...changes];
    }
  };
  const drain = async () => {
    // Let the writes of the same moment gather into one batch, as a stream's batching window does.
    await new Promise((r) => setImmediate(r));
    while (queue.length) {
      const batch = queue.splice(0, batchSize);
      stats.batches++;
      let failed = await apply(batch);
      for (let attempt = 1; failed.length && attempt <= retries; attempt++) {
        await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
        failed = await apply(failed);
      }
      stats.applied += batch.length - failed.length;
      if (failed.length) {
        stats.dropped += failed.length;
        opts.log?.(
          `publishing: ${failed.length} changes failed ${retries + 1} times and were dropped (rebuild to repair)`,
        );
      }
    }
  };
  const kick = () => {
    running ??= drain().finally(() => {
      running = undefined;
      if (queue.length) kick();
    });
  };
  return {
    push(change) {
      queue.push(change);
      kick();
    },
    async idle() {
      while (running) await running;
    },
    stats,
  };
}
