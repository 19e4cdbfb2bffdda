/**
 * Submitting a report: authorize, claim the Idempotency-Key, read the body with the report core, validate against
 * the agency's published report of the year before, refuse errors and unconfirmed warnings (nothing stored), else
 * store a new immutable version, which is then the published one.
 */
import type { Finding, Report } from '../../report/model/types';
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

  // The key is claimed while the report is read and judged (which writes nothing): both wait on the database, so
  // doing them side by side saves a round trip. A judgement is only acted on once the claim is ours.
  const judging = settle(judge({ principal, agency, input, yearHint }));
  const claim = await claimIdempotency(agency, key, requestHash);
  if (claim.outcome === 'mismatch') throw new HttpError('E-IDEMPOTENCY-MISMATCH');
  if (claim.outcome === 'completed') {
    const meta = await getVersion(claim.result.agency, claim.result.year, claim.result.version);
    if (!meta) throw new Error(`idempotency record of ${agency} points at a missing version`);
    return replay(event, meta);
  }
  const judged = await judging;
  if (claim.outcome === 'in-progress') {
    // Still running — or it stored its version and stopped before saying so (a crash): then that is the answer.
    const done = judged.ok ? await versionByIdempotencyKey(agency, judged.value.year, key) : undefined;
    if (done) return replay(event, done);
    throw new HttpError('E-IDEMPOTENCY-IN-PROGRESS');
  }
  let stored: { meta: VersionMeta; findings: readonly Finding[] };
  try {
    if (!judged.ok) throw judged.error;
    stored = await store({ principal, agency, key, body, input, judgement: judged.value, takeover: claim.takeover });
  } catch (err) {
    // Nothing was stored: the key is free again, a corrected request may reuse it.
    await releaseIdempotency(agency, key, requestHash);
    if (err instanceof AppendContentionError) throw new HttpError('E-BUSY');
    throw err;
  }
  // The version exists: from here on the key is never released, so a retry finds this version, not a new one.
  const { meta, findings } = stored;
  await Promise.all([
    completeIdempotency(agency, key, requestHash, { agency, year: meta.year, version: meta.version }),
    recordAgency(agency, meta.agencyName, meta.submittedAt),
  ]);
  return json(201, acceptedAnswer(event, meta, findings), { [REPLAYED_HEADER]: 'false' });
}

type Settled<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

/** A promise that never rejects (its failure is looked at later, or not at all). */
function settle<T>(p: Promise<T>): Promise<Settled<T>> {
  return p.then((value) => ({ ok: true, value }) as const, (error: unknown) => ({ ok: false, error }) as const);
}

interface Judgement {
  readonly report: Report;
  readonly year: number;
  readonly findings: Finding[];
}

/**
 * Reads the report and validates it against the agency's published report of the year before; errors and
 * unconfirmed warnings refuse it (HttpError). Reads only.
 */
async function judge(s: { principal: Principal; agency: string; input: SubmissionInput; yearHint?: number }): Promise<Judgement> {
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
  return { report, year, findings };
}

interface Accepted {
  readonly principal: Principal;
  readonly agency: string;
  readonly key: string;
  readonly body: Buffer;
  readonly input: SubmissionInput;
  readonly judgement: Judgement;
  /** The key's earlier claim was abandoned mid-way: its version may exist already. */
  readonly takeover: boolean;
}

/** Stores the accepted report as a new version (or finds the one an abandoned attempt with this key stored). */
async function store(s: Accepted): Promise<{ meta: VersionMeta; findings: readonly Finding[] }> {
  const { report, year, findings } = s.judgement;
  if (s.takeover) {
    const done = await versionByIdempotencyKey(s.agency, year, s.key);
    if (done) return { meta: done, findings: (await versionContent(done)).findings };
  }
  const meta = await putVersion(
    {
      agency: s.agency,
      agencyName: report.agency,
      year,
      format: report.format,
      submittedAt: new Date().toISOString(),
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
  return { meta, findings };
}
