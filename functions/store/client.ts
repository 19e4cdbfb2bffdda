/** The table handle every store module uses: a document client and the table name, from the environment. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { readEnv } from '../env';

export interface Table {
  readonly doc: DynamoDBDocumentClient;
  readonly name: string;
}

let current: { key: string; table: Table } | undefined;

/** The table named by TABLE_NAME (at DYNAMODB_ENDPOINT when set). Cached per configuration. */
export function table(): Table {
  const env = readEnv();
  const key = `${env.tableName}|${env.endpoint ?? ''}|${env.region}`;
  if (current?.key === key) return current.table;
  const client = new DynamoDBClient({
    region: env.region,
    ...(env.endpoint
      ? { endpoint: env.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
    maxAttempts: 5,
  });
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  current = { key, table: { doc, name: env.tableName } };
  return current.table;
}

/** DynamoDB said a condition did not hold (the normal outcome of a lost race, not a fault). */
export function isConditionFailed(err: unknown): boolean {
  return (err as { name?: string } | null)?.name === 'ConditionalCheckFailedException';
}
