/**
 * The table handle every store module uses: the table name and a small document-style API over one shared DynamoDB
 * client (plain values in and out, marshalled here). The client resolves its middleware once per operation
 * (cacheMiddleware) rather than on every call, which lib-dynamodb's DocumentClient cannot do: a DynamoDB call is the
 * store's unit of cost, and a submission makes three.
 */
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
  type AttributeValue,
  type BatchGetItemCommandOutput,
  type DynamoDBClientConfig,
  type GetItemCommandInput,
  type PutItemCommandInput,
  type QueryCommandInput,
  type UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { readEnv } from '../env';
import { KEY } from './table';

export type Item = Record<string, unknown>;

/** An SDK input without the table name, with plain values where the SDK takes AttributeValue maps. */
type Plain<T, K extends keyof T> = Omit<T, 'TableName' | 'ExpressionAttributeValues' | K> & {
  readonly ExpressionAttributeValues?: Item;
};

export interface Db {
  put(input: Plain<PutItemCommandInput, 'Item'> & { readonly Item: Item }): Promise<{ Attributes?: Item }>;
  get(input: Plain<GetItemCommandInput, 'Key'> & { readonly Key: Item }): Promise<{ Item?: Item }>;
  query(
    input: Plain<QueryCommandInput, 'ExclusiveStartKey'> & { readonly ExclusiveStartKey?: Item },
  ): Promise<{ Items: Item[]; LastEvaluatedKey?: Item }>;
  update(input: Plain<UpdateItemCommandInput, 'Key'> & { readonly Key: Item }): Promise<{ Attributes?: Item }>;
  /** A query's items page by page, each page fetched when the one before is used up; leaving the loop stops it. */
  pages(input: Omit<Parameters<Db['query']>[0], 'ExclusiveStartKey'>): AsyncGenerator<Item[]>;
  /** Items by key (any number: 100 per call, what DynamoDB leaves unprocessed asked again); missing keys are absent. */
  batchGet(keys: readonly Item[], opts?: { readonly attributes?: readonly string[] }): Promise<Item[]>;
  /** Puts and deletes (25 per call, unprocessed ones sent again): each one whole, not all of them together. */
  batchWrite(writes: readonly BatchWrite[]): Promise<void>;
}

export type BatchWrite = { readonly put: Item } | { readonly delete: Item };

const BATCH_GET = 100;
const BATCH_WRITE = 25;
const BATCH_RETRIES = 8;
const pause = (attempt: number) => new Promise((r) => setTimeout(r, Math.min(500, 10 * 2 ** attempt)));

export interface Table {
  readonly db: Db;
  readonly name: string;
  /** The client itself (e.g. to observe its calls). */
  readonly client: DynamoDBClient;
}

/** The functions' client settings; the benchmark's bare PutItem uses the same. */
export function clientConfig(region: string, endpoint?: string): DynamoDBClientConfig {
  return {
    region,
    ...(endpoint ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    maxAttempts: 5,
    cacheMiddleware: true,
  };
}

const MARSHALL = { removeUndefinedValues: true, convertClassInstanceToMap: false } as const;
const toAttributes = (v: Item | undefined): Record<string, AttributeValue> | undefined =>
  v ? marshall(v, MARSHALL) : undefined;
const fromAttributes = (v: Record<string, AttributeValue> | undefined): Item | undefined =>
  v ? unmarshall(v) : undefined;

function db(client: DynamoDBClient, TableName: string): Db {
  const values = (v: Item | undefined) => ({ ExpressionAttributeValues: toAttributes(v) });
  const db: Db = {
    async put({ Item, ExpressionAttributeValues, ...rest }) {
      const out = await client.send(
        new PutItemCommand({ ...rest, TableName, Item: toAttributes(Item), ...values(ExpressionAttributeValues) }),
      );
      observed(Item, Item);
      return { Attributes: fromAttributes(out.Attributes) };
    },
    async get({ Key, ExpressionAttributeValues, ...rest }) {
      const out = await client.send(
        new GetItemCommand({ ...rest, TableName, Key: toAttributes(Key), ...values(ExpressionAttributeValues) }),
      );
      return { Item: fromAttributes(out.Item) };
    },
    async query({ ExclusiveStartKey, ExpressionAttributeValues, ...rest }) {
      const out = await client.send(
        new QueryCommand({
          ...rest,
          TableName,
          ExclusiveStartKey: toAttributes(ExclusiveStartKey),
          ...values(ExpressionAttributeValues),
        }),
      );
      return {
        Items: (out.Items ?? []).map((i) => unmarshall(i)),
        LastEvaluatedKey: fromAttributes(out.LastEvaluatedKey),
      };
    },
    async update({ Key, ExpressionAttributeValues, ...rest }) {
      const out = await client.send(
        new UpdateItemCommand({ ...rest, TableName, Key: toAttributes(Key), ...values(ExpressionAttributeValues) }),
      );
      observed(Key);
      return { Attributes: fromAttributes(out.Attributes) };
    },
    async *pages(input) {
      let start: Item | undefined;
      do {
        const page = await db.query({ ...input, ExclusiveStartKey: start });
        yield page.Items;
        start = page.LastEvaluatedKey;
      } while (start);
    },
    async batchGet(keys, opts = {}) {
      const out: Item[] = [];
      const p = opts.attributes ? projection(opts.attributes) : undefined;
      for (let i = 0; i < keys.length; i += BATCH_GET) {
        let request: Record<string, AttributeValue>[] | undefined = keys
          .slice(i, i + BATCH_GET)
          .map((k) => toAttributes(k)!);
        for (let attempt = 0; request?.length; attempt++) {
          if (attempt > BATCH_RETRIES) throw new Error(`${TableName}: batch read left keys unprocessed`);
          if (attempt > 0) await pause(attempt);
          const res: BatchGetItemCommandOutput = await client.send(
            new BatchGetItemCommand({
              RequestItems: { [TableName]: { Keys: request, ConsistentRead: true, ...p } },
            }),
          );
          for (const item of res.Responses?.[TableName] ?? []) out.push(unmarshall(item));
          request = res.UnprocessedKeys?.[TableName]?.Keys;
        }
      }
      return out;
    },
    async batchWrite(writes) {
      for (let i = 0; i < writes.length; i += BATCH_WRITE) {
        let request = writes
          .slice(i, i + BATCH_WRITE)
          .map((w) =>
            'put' in w
              ? { PutRequest: { Item: toAttributes(w.put)! } }
              : { DeleteRequest: { Key: toAttributes(w.delete)! } },
          );
        for (let attempt = 0; request.length; attempt++) {
          if (attempt > BATCH_RETRIES) throw new Error(`${TableName}: batch write left items unprocessed`);
          if (attempt > 0) await pause(attempt);
          const res = await client.send(new BatchWriteItemCommand({ RequestItems: { [TableName]: request } }));
          request = (res.UnprocessedItems?.[TableName] ?? []) as typeof request;
        }
        for (const w of writes.slice(i, i + BATCH_WRITE)) if ('put' in w) observed(w.put, w.put);
      }
    },
  };
  return db;
}

/** A write the table accepted: its keys, and the whole item when it was put (what a stream record's image holds). */
export interface ObservedWrite {
  readonly pk: string;
  readonly sk: string;
  readonly item?: Item;
}

let observer: ((w: ObservedWrite) => void) | undefined;

/**
 * Calls `fn` after every write the table accepted (undefined stops it). DynamoDB Streams tell the publishing
 * builder of writes on AWS; dynalite has no streams, so the local stack observes the store's writes here and feeds
 * the same builder (dev/stream.ts).
 */
export function observeWrites(fn: ((w: ObservedWrite) => void) | undefined): void {
  observer = fn;
}

const observed = (key: Item, item?: Item) =>
  observer?.({ pk: key[KEY.partition] as string, sk: key[KEY.sort] as string, ...(item ? { item } : {}) });

let current: { key: string; table: Table } | undefined;

/** The table named by TABLE_NAME (at DYNAMODB_ENDPOINT when set). Cached per configuration. */
export function table(): Table {
  const env = readEnv();
  const key = `${env.tableName}|${env.endpoint ?? ''}|${env.region}`;
  if (current?.key === key) return current.table;
  const client = new DynamoDBClient(clientConfig(env.region, env.endpoint));
  current = { key, table: { db: db(client, env.tableName), name: env.tableName, client } };
  return current.table;
}

/** DynamoDB said a condition did not hold (the normal outcome of a lost race, not a fault). */
export function isConditionFailed(err: unknown): boolean {
  return (err as { name?: string } | null)?.name === 'ConditionalCheckFailedException';
}

/** A ProjectionExpression for these attributes (each by a placeholder name: many are DynamoDB reserved words). */
export function projection(attributes: readonly string[]): {
  ProjectionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
} {
  const names: Record<string, string> = {};
  [...new Set(attributes)].forEach((a, i) => (names[`#p${i}`] = a));
  return { ProjectionExpression: Object.keys(names).join(', '), ExpressionAttributeNames: names };
}
