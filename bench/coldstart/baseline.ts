/** The cold-start baseline: a Lambda bundle holding only the DynamoDB client, made ready as a handler would. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

const client = new DynamoDBClient({});

export const handler = async (): Promise<string> => String(await client.config.region());
