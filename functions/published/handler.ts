/**
 * The publishing builder on AWS: invoked by the table's DynamoDB Stream (NEW_IMAGE; filtered to TRIGGERS), one batch
 * of a shard at a time. A failed report or node answers with its first record, so Lambda delivers the batch again
 * from there (everything is idempotent); the rest of the batch is not lost.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { KEY } from '../store/table';
import { applyChanges, type Change } from './changes';

type Image = Record<string, AttributeValue>;

export function changesOf(event: DynamoDBStreamEvent): Change[] {
  return event.Records.flatMap((r): Change[] => {
    const keys = r.dynamodb?.Keys as Image | undefined;
    const pk = keys?.[KEY.partition]?.S;
    const sk = keys?.[KEY.sort]?.S;
    if (!pk || !sk) return [];
    const image = r.dynamodb?.NewImage as Image | undefined;
    return [
      {
        pk,
        sk,
        ...(image ? { item: unmarshall(image) } : {}),
        ...(r.dynamodb?.SequenceNumber ? { seq: r.dynamodb.SequenceNumber } : {}),
      },
    ];
  });
}

export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const failed = await applyChanges(changesOf(event));
  const first = failed
    .map((c) => c.seq)
    .filter((s): s is string => s !== undefined)
    .sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1))[0];
  return { batchItemFailures: first ? [{ itemIdentifier: first }] : [] };
};
