/**
 * A submission's Idempotency-Key: read from the request; given back by a request that stores nothing; and a retry of
 * a request already stored is answered with the version it stored (replayed), not judged again.
 */
import { IDEMPOTENCY_HEADER, REPLAYED_HEADER } from '../../contract/headers';
import { IDEMPOTENCY_KEY } from '../../contract/limits';
import { acceptedAnswer } from '../answers';
import type { ApiEvent, ApiResult } from '../http/api';
import { HttpError } from '../http/errors';
import { logger } from '../http/handler';
import { header } from '../http/request';
import { json } from '../http/response';
import { releaseIdempotency, versionContent, versionOfClaim, type Claim, type VersionMeta } from '../store';

export function idempotencyKey(event: ApiEvent): string {
  const key = header(event, IDEMPOTENCY_HEADER);
  if (!key || !IDEMPOTENCY_KEY.test(key)) throw new HttpError('E-IDEMPOTENCY-KEY');
  return key;
}

export async function replay(event: ApiEvent, meta: VersionMeta): Promise<ApiResult> {
  const { findings } = await versionContent(meta);
  return json(201, acceptedAnswer(event, meta, findings), { [REPLAYED_HEADER]: 'true' });
}

/**
 * A request that will store nothing (refused, or over the rate): the claim it made is released — the key may be used
 * again — and where the key was held by this very report, the version that stored, if any, is the answer instead.
 */
export async function withdrawn(
  claiming: Promise<Claim>,
  s: { agency: string; year: number; key: string },
): Promise<VersionMeta | undefined> {
  let claim: Claim;
  try {
    claim = await claiming;
  } catch {
    return undefined; // the claim's outcome is unknown: it lapses if it was made
  }
  if (claim.outcome === 'claimed') {
    // The refusal is the answer whatever happens to the release: a claim not released lapses (LOCK_MS).
    await releaseIdempotency(s.agency, s.year, s.key, claim.record).catch((error: unknown) =>
      logger.warn('claim not released', { agency: s.agency, error }),
    );
  }
  if (claim.outcome !== 'held') return undefined;
  return versionOfClaim(s.agency, s.year, s.key, claim.record);
}
