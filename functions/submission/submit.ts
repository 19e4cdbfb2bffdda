/**
 * Submitting a report: authorize, read the body with the report core, validate against the agency's published
 * report of the year before, refuse errors and unconfirmed warnings (nothing stored), else claim the
 * Idempotency-Key with the next version number and store a new immutable version, which is then the published one.
 * Three DynamoDB calls: last year's published report, the claim, the version.
 */
import type { LoadedReport } from '../../report/input';
import type { Finding, Report } from '../../report/model/types';
import { validate } from '../../report/rules';
import { acceptedAnswer } from '../answers';
import type { ApiEvent, ApiResult } from '../http/api';
import { requireAccess, requirePrincipal, submitterOf, type Principal } from '../http/auth';
import { HttpError } from '../http/errors';
import { logger } from '../http/handler';
import { header, parseAgency, parseYear, query, readBody } from '../http/request';
import { json } from '../http/response';
import {
  AppendContentionError,
  claimedBy,
  claimIdempotency,
  publishedVersion,
  putVersion,
  releaseIdempotency,
  sha256Hex,
  versionByIdempotencyKey,
  versionContent,
  WriteOutcomeUnknownError,
  type VersionMeta,
} from '../store';
import { CONFIRM_HEADER, IDEMPOTENCY_HEADER, REPLAYED_HEADER, YEAR_HEADER } from '../../contract/headers';
import { IDEMPOTENCY_KEY } from '../../contract/limits';
import {
  confirmedWarnings,
  locate,
  readSubmission,
  submissionInput,
  unconfirmedWarnings,
  type SubmissionInput,
} from './input';

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

export async function submit(event: ApiEvent): Promise<ApiResult> {
  const principal = requirePrincipal(event);
  const agency = targetAgency(principal, query(event, 'agency'));
  const key = idempotencyKey(event);
  const body = readBody(event);
  const input = submissionInput(event, body);
  const yearText = header(event, YEAR_HEADER) ?? query(event, 'year');
  const yearHint = yearText !== undefined ? parseYear(yearText) : undefined;
  // Same key, same request ⇔ same agency, body, content type, year and confirmation.
  const bodySha256 = sha256Hex(body);
  const requestHash = sha256Hex(
    JSON.stringify([agency, input.contentType, yearHint ?? null, header(event, CONFIRM_HEADER) ?? null, bodySha256]),
  );

  // Judged before the key is claimed (judging only reads): a refused request writes nothing, not even a claim.
  const read = await readReport({ principal, agency, input, yearHint });
  const { year } = read;
  let judgement: Judgement;
  try {
    judgement = await judge(agency, read, input);
  } catch (err) {
    // Unless this very request was accepted before: its retry is answered with what it stored, not judged again
    // (last year's published report may have changed since).
    if (err instanceof HttpError && (await claimedBy(agency, year, key, requestHash))) {
      const done = await versionByIdempotencyKey(agency, year, key);
      if (done) return replay(event, done);
    }
    throw err;
  }
  const claim = await claimIdempotency(agency, year, key, requestHash);
  if (claim.outcome === 'mismatch') throw new HttpError('E-IDEMPOTENCY-MISMATCH');
  if (claim.outcome === 'full') throw new HttpError('E-IDEMPOTENCY-LIMIT');
  if (claim.outcome === 'held' || claim.takeover) {
    // The same request came before: the version it stored (recording this key) is the answer, if there is one. A
    // lapsed claim's owner is gone: what it stored is not stored twice.
    const done = await versionByIdempotencyKey(agency, year, key);
    if (done) return replay(event, done);
    if (claim.outcome === 'held') throw new HttpError('E-IDEMPOTENCY-IN-PROGRESS');
  }
  let meta: VersionMeta;
  try {
    meta = await store({ principal, agency, key, body, bodySha256, input, judgement }, claim.version);
  } catch (err) {
    if (err instanceof WriteOutcomeUnknownError) {
      // The version may be stored: the claim stays, so a retry finds it (or takes over once the claim lapses).
      logger.warn('version write outcome unknown', { agency, error: err });
      throw new HttpError('E-BUSY');
    }
    // Nothing was stored: the key is free again, a corrected request may reuse it.
    await releaseIdempotency(agency, year, key, claim.claim);
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
  const thisYear = new Date().getFullYear();
  if (year > thisYear) {
    throw new HttpError('E-YEAR-INVALID', { zh: `${year} 年尚未结束`, en: `the year ${year} has not ended` });
  }
  return { loaded, year };
}

/**
 * Validates the report against the agency's published report of the year before; errors and unconfirmed warnings
 * refuse it (HttpError). Reads only.
 */
async function judge(agency: string, read: ReadReport, input: SubmissionInput): Promise<Judgement> {
  const { loaded, year } = read;
  const report = loaded.report;
  const prev = await publishedVersion(agency, year - 1);
  const previous = prev && prev !== 'withdrawn' ? (await versionContent(prev.meta)).report : undefined;
  const findings = locate(validate(report, { previous, inputFindings: loaded.findings }), loaded);
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
  return { report, year, findings };
}

interface Accepted {
  readonly principal: Principal;
  readonly agency: string;
  readonly key: string;
  readonly body: Buffer;
  readonly bodySha256: string;
  readonly input: SubmissionInput;
  readonly judgement: Judgement;
}

/** Stores the accepted report as version `version`, which records the key, who sent it, when, and what. */
function store(s: Accepted, version: number): Promise<VersionMeta> {
  const { report, year, findings } = s.judgement;
  return putVersion(
    {
      agency: s.agency,
      agencyName: report.agency,
      year,
      format: report.format,
      submittedAt: new Date().toISOString(),
      submittedBy: submitterOf(s.principal),
      source: { kind: s.input.kind, contentType: s.input.contentType, bytes: s.body.length, sha256: s.bodySha256 },
      counts: {
        error: 0,
        warning: findings.filter((f) => f.severity === 'warning').length,
        info: findings.filter((f) => f.severity === 'info').length,
      },
      confirmedWarnings: confirmedWarnings(findings, s.input.confirmation),
      idempotencyKey: s.key,
    },
    s.body,
    { report, findings },
    version,
  );
}
