/**
 * Submitting a report: authorize, read the body with the report core, validate against the agency's published
 * report of the year before, refuse errors and unconfirmed warnings (nothing stored), hold to the rate limit, else
 * store a new immutable version under the next number (1, 2, 3 … without holes), which is then the published one.
 * Two round trips to DynamoDB: last year's published report, the registered profile, this report's latest versions
 * from the year index and the claim of the Idempotency-Key, all at once; then the version. A refused or throttled
 * request releases the claim it made (the key may be used again).
 */
import type { LoadedReport } from '../../report/input';
import type { Finding, Report } from '../../report/model/types';
import { validate } from '../../report/rules';
import { acceptedAnswer } from '../answers';
import { submissionRate } from '../env';
import type { ApiEvent, ApiResult } from '../http/api';
import { requireAccess, requirePrincipal, submitterOf, type Principal } from '../http/auth';
import { HttpError } from '../http/errors';
import { logger } from '../http/handler';
import { header, parseAgency, parseYear, query, readBody, requireYearOver } from '../http/request';
import { json } from '../http/response';
import {
  AppendContentionError,
  claimIdempotency,
  publishedVersion,
  putVersion,
  recentVersions,
  releaseIdempotency,
  sha256Hex,
  takeOverClaim,
  versionContent,
  versionOfClaim,
  WriteOutcomeUnknownError,
  pack,
  packVersion,
  type Claim,
  type ClaimRecord,
  type NewVersion,
  type VersionContent,
  type VersionMeta,
} from '../store';
import { IDEMPOTENCY_HEADER, REPLAYED_HEADER, YEAR_HEADER } from '../../contract/headers';
import { IDEMPOTENCY_KEY } from '../../contract/limits';
import { repositoryContext } from '../review/consolidation';
import type { PublishOn } from '../../contract/registry';
import {
  canonicalJson,
  clientOf,
  confirmedWarnings,
  locate,
  readSubmission,
  submissionInput,
  unconfirmedWarnings,
  type SubmissionInput,
} from './input';
import { nextAllowed, rateLimitError } from './rate';

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

function idempotencyKey(event: ApiEvent): string {
  const key = header(event, IDEMPOTENCY_HEADER);
  if (!key || !IDEMPOTENCY_KEY.test(key)) throw new HttpError('E-IDEMPOTENCY-KEY');
  return key;
}

async function replay(event: ApiEvent, meta: VersionMeta): Promise<ApiResult> {
  const { findings } = await versionContent(meta);
  return json(201, acceptedAnswer(event, meta, findings), { [REPLAYED_HEADER]: 'true' });
}

/**
 * A request that will store nothing (refused, or over the rate): the claim it made is released — the key may be used
 * again — and where the key was held by this very report, the version that stored, if any, is the answer instead.
 */
async function withdrawn(
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

interface ReadReport {
  readonly loaded: LoadedReport;
  readonly year: number;
}

interface Judgement {
  readonly report: Report;
  readonly year: number;
  readonly findings: Finding[];
  /** The registered official name, which it is published under (AGENCY-NAME when the report says otherwise). */
  readonly registeredName?: string;
  /** Its office's setting: public on submission, or once accepted (通过). */
  readonly publishOn: PublishOn;
}

/** Reads the report and its year (the year names the partition a retry looks in for its version). */
async function readReport(s: {
  principal: Principal;
  agency: string;
  input: SubmissionInput;
  yearHint?: number;
}): Promise<ReadReport> {
  // The token's agency name fills a report that does not state its agency (published text often has no title).
  const ownName = s.principal.agency === s.agency ? s.principal.agencyName : undefined;
  const loaded = await readSubmission(s.input, {
    ...(s.yearHint ? { year: s.yearHint } : {}),
    ...(ownName ? { agency: ownName } : {}),
  });
  const report = loaded.report;
  if (report.year === null) throw new HttpError('E-YEAR-MISSING');
  if (s.yearHint !== undefined && report.year !== s.yearHint) {
    throw new HttpError('E-YEAR-MISMATCH', {
      zh: `${s.yearHint} ≠ ${report.year}`,
      en: `${s.yearHint} ≠ ${report.year}`,
    });
  }
  const year = report.year;
  requireYearOver(year);
  return { loaded, year };
}

/**
 * Validates the report against the agency's published report of the year before; errors and unconfirmed warnings
 * refuse it (HttpError). Reads only.
 */
async function judge(agency: string, read: ReadReport, input: SubmissionInput): Promise<Judgement> {
  const { loaded, year } = read;
  const report = loaded.report;
  const [prev, registry] = await Promise.all([publishedVersion(agency, year - 1), repositoryContext(agency, year)]);
  const previous = prev && prev !== 'withdrawn' ? (await versionContent(prev.meta)).report : undefined;
  const findings = locate(
    validate(report, {
      previous,
      inputFindings: loaded.findings,
      registeredName: registry.name,
      consolidated: registry.consolidated,
    }),
    loaded,
  );
  if (findings.some((f) => f.severity === 'error')) throw new HttpError('E-REPORT-ERRORS', undefined, { findings });
  const unconfirmed = unconfirmedWarnings(findings, input.confirmation);
  if (unconfirmed.length > 0) {
    const list = unconfirmed.join(',');
    throw new HttpError(
      'E-CONFIRM-WARNINGS',
      { zh: list, en: list },
      {
        findings,
        unconfirmed,
        hint: {
          zh: `核实这些警告后，带上确认重新提交：请求头 X-Confirm-Warnings: ${list}（或 all）；命令行 --confirm-warnings ${list}`,
          en: `Once you have checked these warnings, submit again confirming them: header X-Confirm-Warnings: ${list} (or all); CLI --confirm-warnings ${list}`,
        },
      },
    );
  }
  return {
    report,
    year,
    findings,
    ...(registry.name ? { registeredName: registry.name } : {}),
    publishOn: registry.record?.publishOn ?? 'submission',
  };
}

interface Accepted {
  readonly principal: Principal;
  readonly agency: string;
  readonly key: string;
  readonly body: Buffer;
  readonly contentSha256: string;
  readonly input: SubmissionInput;
  readonly judgement: Judgement;
  readonly event: ApiEvent;
}

const contentOf = (j: Judgement): VersionContent => ({ report: j.report, findings: j.findings });

/** The accepted report's next version: it records the key, who sent it, from where, and what. */
function versionOf(s: Accepted): NewVersion {
  const { report, year, findings } = s.judgement;
  return {
    agency: s.agency,
    agencyName: s.judgement.registeredName ?? report.agency,
    year,
    format: report.format,
    publishOn: s.judgement.publishOn,
    submittedBy: submitterOf(s.principal),
    source: { kind: s.input.kind, contentType: s.input.contentType, bytes: s.body.length, sha256: sha256Hex(s.body) },
    counts: {
      error: 0,
      warning: findings.filter((f) => f.severity === 'warning').length,
      info: findings.filter((f) => f.severity === 'info').length,
    },
    confirmedWarnings: confirmedWarnings(findings, s.input.confirmation),
    idempotencyKey: s.key,
    contentSha256: s.contentSha256,
    client: clientOf(s.event),
  };
}

/**
 * Resolves once the requests just started have gone out (the SDK writes them after a few promise turns): CPU work
 * that needs no answer then runs while DynamoDB works, instead of before it starts.
 */
const sent = () => new Promise<void>((resolve) => setImmediate(resolve));
