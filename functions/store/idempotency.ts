/**
 * Idempotency records for submissions: one item per (agency, Idempotency-Key), claimed by a conditional put before
 * any work, completed with the version it created, released when the submission was refused (so a corrected retry
 * is judged afresh). A claim left by a crashed invocation can be taken over after LOCK_MS. Records expire by TTL.
 */
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { FUNCTION_TIMEOUT_SECONDS } from '../env';
import { isConditionFailed, table } from './client';
import { KEY, TTL_ATTRIBUTE, keys } from './table';

/**
 * How long an unfinished claim blocks the same key: twice the functions' timeout, so a claim this old belongs to an
 * invocation that is gone (a crash, a killed local server) and its retry need not wait long.
 */
export const LOCK_MS = 2 * FUNCTION_TIMEOUT_SECONDS * 1000;
/** How long a key is remembered. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;

export interface IdempotentResult {
  readonly agency: string;
  readonly year: number;
  readonly version: number;
}

export type Claim =
  | { readonly outcome: 'claimed'; readonly takeover: boolean }
  | { readonly outcome: 'completed'; readonly result: IdempotentResult }
  | { readonly outcome: 'in-progress' }
  | { readonly outcome: 'mismatch' };

const keyOf = (agency: string, key: string) => ({ [KEY.partition]: keys.idempotency(agency, key), [KEY.sort]: keys.idempotencySort });

export async function claimIdempotency(agency: string, key: string, requestHash: string, now = Date.now()): Promise<Claim> {
  const { doc, name } = table();
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const out = await doc.send(
        new PutCommand({
          TableName: name,
          Item: {
            ...keyOf(agency, key),
            type: 'idempotency',
            status: 'IN_PROGRESS',
            requestHash,
            lockedUntil: now + LOCK_MS,
            [TTL_ATTRIBUTE]: Math.floor(now / 1000) + IDEMPOTENCY_TTL_SECONDS,
          },
          ConditionExpression:
            'attribute_not_exists(#pk) OR #exp < :nowSec OR (#status = :inProgress AND lockedUntil < :now)',
          ExpressionAttributeNames: { '#pk': KEY.partition, '#exp': TTL_ATTRIBUTE, '#status': 'status' },
          ExpressionAttributeValues: { ':nowSec': Math.floor(now / 1000), ':inProgress': 'IN_PROGRESS', ':now': now },
          ReturnValues: 'ALL_OLD',
        }),
      );
      return { outcome: 'claimed', takeover: out.Attributes?.status === 'IN_PROGRESS' };
    } catch (err) {
      if (!isConditionFailed(err)) throw err;
    }
    const existing = (await doc.send(new GetCommand({ TableName: name, Key: keyOf(agency, key), ConsistentRead: true }))).Item;
    if (!existing) continue; // released in between: claim again
    if (existing.requestHash !== requestHash) return { outcome: 'mismatch' };
    if (existing.status === 'COMPLETE') return { outcome: 'completed', result: existing.result as IdempotentResult };
    return { outcome: 'in-progress' };
  }
  return { outcome: 'in-progress' };
}

export async function completeIdempotency(agency: string, key: string, requestHash: string, result: IdempotentResult): Promise<void> {
  const { doc, name } = table();
  await doc.send(
    new UpdateCommand({
      TableName: name,
      Key: keyOf(agency, key),
      UpdateExpression: 'SET #status = :complete, #result = :result REMOVE lockedUntil',
      ConditionExpression: 'requestHash = :hash',
      ExpressionAttributeNames: { '#status': 'status', '#result': 'result' },
      ExpressionAttributeValues: { ':complete': 'COMPLETE', ':result': result, ':hash': requestHash },
    }),
  );
}

/** Forgets an unfinished claim (the submission was refused or failed): the key may be used again. */
export async function releaseIdempotency(agency: string, key: string, requestHash: string): Promise<void> {
  const { doc, name } = table();
  try {
    await doc.send(
      new DeleteCommand({
        TableName: name,
        Key: keyOf(agency, key),
        ConditionExpression: '#status = :inProgress AND requestHash = :hash',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':inProgress': 'IN_PROGRESS', ':hash': requestHash },
      }),
    );
  } catch (err) {
    if (!isConditionFailed(err)) throw err;
  }
}
