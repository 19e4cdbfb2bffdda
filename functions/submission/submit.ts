/**
 * Submitting a report: authorize, read the body with the report core, validate against the agency's published
 * report of the year before, refuse errors and unconfirmed warnings (nothing stored), hold to the rate limit, else
 * store a new immutable version under the next number (1, 2, 3 … without holes), which is then the published one.
 * Two round trips to DynamoDB: last year's published report, the registered profile, this report's latest versions
 * from its own partition and the claim of the Idempotency-Key, all at once; then the version. A refused or throttled
 * request releases the claim it made (the key may be used again).
 * Beside it: input.ts reads the body, judge.ts reads and judges the report, claim.ts holds the key's claim and
 * replays, version.ts makes the version stored, rate.ts the rate limit.
 */
import { acceptedAnswer } from '../answers';
import { submissionRate } from '../env';
import type { ApiEvent, ApiResult } from '../http/api';
import { requireAccess, requirePrincipal, type Principal } from '../http/auth';
import { HttpError } from '../http/errors';
import { logger } from '../http/handler';
import { header, parseAgency, parseYear, query, readBody } from '../http/request';
import { json } from '../http/response';
import {
  AppendContentionError,
  claimIdempotency,
  putVersion,
  recentVersions,
  releaseIdempotency,
  sha256Hex,
  takeOverClaim,
  versionOfClaim,
  WriteOutcomeUnknownError,
  pack,
  packVersion,
  type ClaimRecord,
  type VersionMeta,
} from '../store';
import { REPLAYED_HEADER, YEAR_HEADER } from '../../contract/headers';
import { idempotencyKey, replay, withdrawn } from './claim';
import { canonicalJson, submissionInput } from './input';
import { judge, readReport, type Judgement } from './judge';
import { nextAllowed, rateLimitError } from './rate';
import { contentOf, versionOf } from './version';

/** The agency a submission is for: the token's own, or (admins only) the one named by ?agency=. */
function targetAgency(p: Principal, requested: string | undefined): string {
  if (requested !== undefined) {
    const agency = parseAgency(requested);
    requireAccess(p, agency);
    return agency;
  }
  if (!p.agency) throw new HttpError('E-AUTH-AGENCY');
  return p.agency;
}

export async function submit(event: ApiEvent): Promise<ApiResult> {
  const principal = requirePrincipal(event);
  const agency = targetAgency(principal, query(event, 'agency'));
  const key = idempotencyKey(event);
  const body = readBody(event);
  const input = submissionInput(event, body);
  const yearText = header(event, YEAR_HEADER) ?? query(event, 'year');
  const yearHint = yearText !== undefined ? parseYear(yearText) : undefined;

  const read = await readReport({ principal, agency, input, yearHint });
  const { year } = read;
  const at = { agency, year, key };
  // Read beside last year's report: where the next version number starts, and what the rate limit counts.
  const rate = submissionRate();
  const recentRead = recentVersions(agency, year, rate.versions, Date.now() - rate.windowSeconds * 1000);
  recentRead.catch(() => undefined); // awaited below unless judging throws first
  const judging = judge(agency, read, input);
  judging.catch(() => undefined); // awaited below
  await sent();
  // Same key, same request ⇔ the same report as read (whatever the bytes: a workbook exported again differs in its
  // zip, not its report), for the same agency and year (the partition the key lives in). Claimed beside the reads:
  // one round trip less for what is accepted; what is refused gives its claim back.
  const contentSha256 = sha256Hex(canonicalJson(read.loaded.report));
  const claiming = claimIdempotency(agency, year, key, contentSha256);
  claiming.catch(() => undefined); // awaited below
  await sent();
  // While DynamoDB works: the upload compressed, as it will be stored if the report is accepted.
  const packedOriginal = pack(body);
  packedOriginal.catch(() => undefined); // awaited below, or never (refused)
  let judgement: Judgement;
  try {
    judgement = await judging;
  } catch (err) {
    // Unless this very request was accepted before: its retry is answered with what it stored, not judged again
    // (last year's published report may have changed since).
    const done = await withdrawn(claiming, at);
    if (done && err instanceof HttpError) return replay(event, done);
    throw err;
  }
  let recent: Awaited<typeof recentRead>;
  try {
    recent = await recentRead;
  } catch (err) {
    await withdrawn(claiming, at);
    throw err;
  }
  const last = recent[0]?.version ?? 0;
  const now = Date.now();
  const retryAt = nextAllowed(
    recent.map((v) => Date.parse(v.submittedAt)),
    now,
    rate,
  );
  if (retryAt !== undefined) {
    // Over the rate: a retry of a request already stored is still answered; nothing new is stored.
    const done = await withdrawn(claiming, at);
    if (done) return replay(event, done);
    throw rateLimitError(retryAt, now, rate);
  }

  // The version's bytes, compressed, while the claim may still be on its way (CPU that needs no answer).
  const version = versionOf({ principal, agency, key, body, contentSha256, input, judgement, event });
  const packing = packVersion(version, body, contentOf(judgement), packedOriginal);
  packing.catch(() => undefined); // awaited below, once the claim is ours
  let mine: ClaimRecord;
  const claim = await claiming;
  if (claim.outcome === 'mismatch') throw new HttpError('E-IDEMPOTENCY-MISMATCH');
  if (claim.outcome === 'held') {
    // The same report came with this key before: the version it stored is the answer, if there is one.
    const done = await versionOfClaim(agency, year, key, claim.record);
    if (done) return replay(event, done);
    if (!claim.lapsed) throw new HttpError('E-IDEMPOTENCY-IN-PROGRESS');
    // The claim's owner is gone and stored nothing: this request does the work.
    const taken = await takeOverClaim(agency, year, key, claim.record);
    if (!taken) throw new HttpError('E-IDEMPOTENCY-IN-PROGRESS');
    mine = taken;
  } else mine = claim.record;

  let meta: VersionMeta;
  try {
    meta = await putVersion(version, body, contentOf(judgement), { after: last, packed: await packing });
  } catch (err) {
    if (err instanceof WriteOutcomeUnknownError) {
      // The version may be stored: the claim stays, so a retry finds it (or takes over once the claim lapses).
      logger.warn('version write outcome unknown', { agency, error: err });
      throw new HttpError('E-BUSY');
    }
    // Nothing was stored: the key is free again, a corrected request may reuse it.
    await releaseIdempotency(agency, year, key, mine);
    if (err instanceof AppendContentionError) throw new HttpError('E-BUSY');
    throw err;
  }
  return json(201, acceptedAnswer(event, meta, judgement.findings), { [REPLAYED_HEADER]: 'false' });
}

/**
 * Resolves once the requests just started have gone out (the SDK writes them after a few promise turns): CPU work
 * that needs no answer then runs while DynamoDB works, instead of before it starts.
 */
const sent = () => new Promise<void>((resolve) => setImmediate(resolve));
