/** dynalite (the DynamoDB API, embedded) for the local stack and the tests: persisted in a folder, or in memory. */
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { createTableInput } from '../functions/store/table';

export interface LocalDynamo {
  readonly endpoint: string;
  /** What ended the database's thread, if it ended. */
  failure?(): Error | undefined;
  close(): Promise<void>;
}

/** The persisted database could not be opened (another program holds its folder, or the files are damaged). */
export class DatabaseOpenError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`cannot open the database in ${path}: ${reason}`);
  }
}

export interface DynaliteOptions {
  /** Persist in this folder (LevelDB); in memory when absent. */
  readonly path?: string;
  /** Default: a free port. */
  readonly port?: number;
  /**
   * Run it on its own thread (the local stack): the database then works beside the handlers instead of taking turns
   * with them on one event loop, as DynamoDB is a service of its own. It still dies with the process.
   */
  readonly thread?: boolean;
}

const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const server = require(workerData.dynalite)(workerData.options);
server.once('error', (e) => parentPort.postMessage({ error: { message: e.message, code: e.code } }));
server.listen(workerData.port, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
parentPort.on('message', () => {
  server.close((e) => parentPort.postMessage({ closed: true, error: e ? { message: e.message } : undefined }));
  server.closeAllConnections();
});
`;

type ThreadMessage = { port?: number; closed?: boolean; error?: { message: string; code?: string } };

async function startDynaliteThread(options: Record<string, unknown>, port: number): Promise<LocalDynamo> {
  const worker = new Worker(THREAD_SOURCE, {
    eval: true,
    workerData: { dynalite: require.resolve('dynalite'), options, port },
  });
  const next = () =>
    new Promise<ThreadMessage>((resolve, reject) => {
      const onError = (e: Error) => reject(e);
      worker.once('error', onError);
      worker.once('message', (m: ThreadMessage) => {
        worker.off('error', onError);
        resolve(m);
      });
    });
  const started = await next();
  if (started.error || started.port === undefined) {
    await worker.terminate();
    throw Object.assign(new Error(started.error?.message ?? 'dynalite did not start'), { code: started.error?.code });
  }
  // LevelDB opens on the first request, and its failure is thrown on the thread: kept here (the thread is then gone)
  // and reported by the next call instead of bringing the process down with a stack trace.
  let failure: Error | undefined;
  worker.on('error', (e) => (failure = e));
  return {
    endpoint: `http://127.0.0.1:${started.port}`,
    failure: () => failure,
    async close() {
      if (failure) return void (await worker.terminate());
      const closing = next();
      worker.postMessage('close');
      const done = await closing;
      await worker.terminate();
      if (done.error) throw new Error(done.error.message);
    },
  };
}

/** Starts dynalite on 127.0.0.1 (a free port unless given); `path` persists it (LevelDB), else it lives in memory. */
export async function startDynalite(opts: DynaliteOptions = {}): Promise<LocalDynamo> {
  const options = { ...(opts.path ? { path: opts.path } : {}), createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 };
  if (opts.thread) return startDynaliteThread(options, opts.port ?? 0);
  const server = dynalite(options);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err?: Error) => (err ? reject(err) : resolve()));
        // The SDK's keep-alive sockets (in this same process) are not all seen as idle: without this, close never
        // finished after a busy run.
        server.closeAllConnections();
      }),
  };
}

/** Creates the table (keys and the per-year index of store/table.ts) unless it exists; waits until it is active. */
export async function ensureTable(endpoint: string, tableName: string): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    try {
      await client.send(new DescribeTableCommand({ TableName: tableName }));
    } catch (e) {
      if ((e as { name?: string }).name !== 'ResourceNotFoundException') throw e;
      await client.send(new CreateTableCommand(createTableInput(tableName)));
    }
    for (let i = 0; i < 100; i++) {
      const d = await client.send(new DescribeTableCommand({ TableName: tableName }));
      if (d.Table?.TableStatus === 'ACTIVE') return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`table ${tableName} did not become active`);
  } finally {
    client.destroy();
  }
}
