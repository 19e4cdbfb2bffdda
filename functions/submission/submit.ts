/**
 * Submitting a report: authorize, claim the Idempotency-Key, read the body with the report core, validate against
 * the agency's published report of the year before, refuse errors and unconfirmed warnings (nothing stored), else
 * store a new immutable version, which is then the published one.
 */
import type { Finding } from '../../report/model/types';
import { validate } from '../../report/rules';
import { acceptedAnswer } from '../answers';
import type { ApiEvent, ApiResult } from '../http/api';
import { requireAccess, requirePrincipal, submitterOf, type Principal } from '../http/auth';
import { HttpError } from '../http/errors';
import { header, parseAgency, parseYear, query, readBody } from '../http/request';
import { json } from '../http/response';
import { publishedReport } from '../publishing';
import {
  AppendContentionError, claimIdempotency, completeIdempotency, getVersion, putVersion, recordAgency, releaseIdempotency,
  sha256Hex, versionByIdempotencyKey, versionContent, type VersionMeta,
} from '../store';
import { CONFIRM_HEADER, IDEMPOTENCY_HEADER, REPLAYED_HEADER, YEAR_HEADER } from './headers';
import { confirmedWarnings, locate, readSubmission, submissionInput, unconfirmedWarnings, type SubmissionInput } from './input';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,128}$/;

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
  const requestHash = sha256Hex(JSON.stringify([agency, input.contentType, yearHint ?? null, header(event, CONFIRM_HEADER) ?? null, sha256Hex(body)]));

  const claim = await claimIdempotency(agency, key, requestHash);
  if (claim.outcome === 'mismatch') throw new HttpError('E-IDEMPOTENCY-MISMATCH');
  if (claim.outcome === 'in-progress') throw new HttpError('E-IDEMPOTENCY-IN-PROGRESS');
  if (claim.outcome === 'completed') {
    const meta = await getVersion(claim.result.agency, claim.result.year, claim.result.version);
    if (!meta) throw new Error(`idempotency record of ${agency} points at a missing version`);
    return replay(event, meta);
  }
  try {
    const { meta, findings } = await accept({ principal, agency, key, body, input, yearHint, takeover: claim.takeover });
    await completeIdempotency(agency, key, requestHash, { agency, year: meta.year, version: meta.version });
    return json(201, acceptedAnswer(event, meta, findings), { [REPLAYED_HEADER]: 'false' });
  } catch (err) {
    await releaseIdempotency(agency, key, requestHash);
    if (err instanceof AppendContentionError) throw new HttpError('E-BUSY');
    throw err;
  }
}

interface Submission {
  readonly principal: Principal;
  readonly agency: string;
  readonly key: string;
  readonly body: Buffer;
  readonly input: SubmissionInput;
  readonly yearHint?: number;
  /** The key's earlier claim was abandoned mid-way: its version may exist already. */
  readonly takeover: boolean;
}

async function accept(s: Submission): Promise<{ meta: VersionMeta; findings: readonly Finding[] }> {
  // The token's agency name fills a report that does not state its agency (published text often has no title).
  const ownName = s.principal.agency === s.agency ? s.principal.agencyName : undefined;
  const loaded = await readSubmission(s.input, { ...(s.yearHint ? { year: s.yearHint } : {}), ...(ownName ? { agency: ownName } : {}) });
  const report = loaded.report;
  if (report.year === null) throw new HttpError('E-YEAR-MISSING');
  if (s.yearHint !== undefined && report.year !== s.yearHint) {
    throw new HttpError('E-YEAR-MISMATCH', { zh: `${s.yearHint} ≠ ${report.year}`, en: `${s.yearHint} ≠ ${report.year}` });
  }
  const year = report.year;
  const thisYear = new Date().getFullYear();
  if (year > thisYear) {
    throw new HttpError('E-YEAR-INVALID', { zh: `${year} 年尚未结束`, en: `the year ${year} has not ended` });
  }

  const prev = await publishedReport(s.agency, year - 1);
  const previous = prev && prev !== 'withdrawn' ? (await versionContent(prev.meta)).report : undefined;
  const findings = locate(validate(report, { previous, inputFindings: loaded.findings }), loaded);
  if (findings.some((f) => f.severity === 'error')) throw new HttpError('E-REPORT-ERRORS', undefined, { findings });
  const unconfirmed = unconfirmedWarnings(findings, s.input.confirmation);
  if (unconfirmed.length > 0) {
    const list = unconfirmed.join(',');
    throw new HttpError('E-CONFIRM-WARNINGS', { zh: list, en: list }, {
      findings,
      unconfirmed,
      hint: {
        zh: `核实这些警告后，带上确认重新提交：请求头 X-Confirm-Warnings: ${list}（或 all）；命令行 --confirm-warnings ${list}`,
        en: `Once you have checked these warnings, submit again confirming them: header X-Confirm-Warnings: ${list} (or all); CLI --confirm-warnings ${list}`,
      },
    });
  }

  if (s.takeover) {
    const done = await versionByIdempotencyKey(s.agency, year, s.key);
    if (done) return { meta: done, findings: (await versionContent(done)).findings };
  }
  const submittedAt = new Date().toISOString();
  const meta = await putVersion(
    {
      agency: s.agency,
      agencyName: report.agency,
      year,
      format: report.format,
      submittedAt,
      submittedBy: submitterOf(s.principal),
      source: { kind: s.input.kind, contentType: s.input.contentType, bytes: s.body.length, sha256: sha256Hex(s.body) },
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
  );
  await recordAgency(s.agency, report.agency, submittedAt);
  return { meta, findings };
}
