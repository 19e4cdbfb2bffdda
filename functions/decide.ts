/** An administrator's publication decision (publish a version, withdraw), recorded as an immutable decision item. */
import { MAX_REASON_CHARS } from '../contract/limits';
import { publicationAnswer } from './answers';
import type { ApiEvent, ApiResult } from './http/api';
import { requireAdmin, submitterOf } from './http/auth';
import { HttpError } from './http/errors';
import { decodeText, parseJsonBody, parseVersion, reportParams } from './http/request';
import { json } from './http/response';
import { stateOfHead } from './publishing';
import { appendDecision, getVersion, latestHead } from './store';
import { publishedUrl } from './urls';

/** The optional JSON body { reason }. */
function reasonOf(event: ApiEvent): string | undefined {
  if (!event.body) return undefined;
  const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
  if (raw.length > 16 * 1024) throw new HttpError('E-BODY-TOO-LARGE');
  const data = parseJsonBody(decodeText(raw), {
    zh: '应为 JSON：{"reason": "…"}',
    en: 'expected JSON: {"reason": "…"}',
  });
  const reason = (data as { reason?: unknown } | null)?.reason;
  if (reason === undefined || reason === null) return undefined;
  if (typeof reason !== 'string' || reason.length > MAX_REASON_CHARS) {
    throw new HttpError('E-BODY-MALFORMED', {
      zh: `reason 应为不超过 ${MAX_REASON_CHARS} 字的文本`,
      en: `reason must be text of at most ${MAX_REASON_CHARS} characters`,
    });
  }
  return reason.trim() || undefined;
}

export async function decide(event: ApiEvent, action: 'publish' | 'withdraw'): Promise<ApiResult> {
  const admin = requireAdmin(event);
  const { agency, year } = reportParams(event);
  const version = action === 'publish' ? parseVersion(event.pathParameters?.version) : undefined;
  const reason = reasonOf(event);
  const head = await latestHead(agency, year);
  const latest = head.versions[head.versions.length - 1];
  if (!latest)
    throw new HttpError('E-NOT-FOUND', {
      zh: `${agency} ${year} 年度尚未报送`,
      en: `nothing submitted for ${agency} ${year}`,
    });
  if (version !== undefined && !(await getVersion(agency, year, version))) {
    throw new HttpError('E-NOT-FOUND', {
      zh: `${agency} ${year} 第 ${version} 版`,
      en: `${agency} ${year} version ${version}`,
    });
  }
  const decision = await appendDecision(agency, year, {
    action,
    ...(version !== undefined ? { version } : {}),
    basis: latest.version,
    decidedAt: new Date().toISOString(),
    decidedBy: submitterOf(admin),
    ...(reason ? { reason } : {}),
  });
  return json(200, {
    agency,
    year,
    publication: publicationAnswer(stateOfHead({ ...head, decision }).publication, decision),
    publishedUrl: publishedUrl(event, agency, year),
  });
}
