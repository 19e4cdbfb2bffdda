/**
 * The transitions of a report's review: its office returns it (a reason, and comments on cells by their ids) or
 * accepts it; an agency with nothing to report files that (a reason). Each is allowed only from the states where it
 * makes sense, on the version the reviewer saw (`version` in the body, when given), and is recorded with who and when.
 */
import { MAX_REASON_CHARS } from '../../contract/limits';
import {
  REVIEW_LIMITS,
  REVIEW_STATE_LABELS,
  type CellComment,
  type ReviewAction,
  type ReviewState,
} from '../../contract/review';
import { FORMATS } from '../../report/format';
import type { FormatVersion } from '../../report/format/types';
import { workbookLayout } from '../../report/workbook/layout';
import { publicationAnswer } from '../answers';
import { requireReader, requireReviewerOf } from '../access';
import type { ApiEvent, ApiResult } from '../http/api';
import { submitterOf, type Principal } from '../http/auth';
import { HttpError } from '../http/errors';
import { decodeText, parseJsonBody, readBody, reportParams, requireYearOver } from '../http/request';
import { json } from '../http/response';
import { stateOfHead } from '../publishing';
import { appendReview, latestHead, ReviewConflictError } from '../store';
import { publishedUrl } from '../urls';

/** The states each action may be taken from. */
const ALLOWED_FROM: Readonly<Record<ReviewAction, readonly ReviewState[]>> = {
  return: ['submitted', 'accepted'],
  accept: ['submitted'],
  nothing: ['missing'],
};

export interface ActionBody {
  readonly reason?: string;
  readonly comments: readonly CellComment[];
  /** The version the reviewer looked at. */
  readonly version?: number;
}

const malformed = (zh: string, en: string) => new HttpError('E-BODY-MALFORMED', { zh, en });

/** The optional JSON body { reason, comments: [{cell, comment}], version }, checked and bounded. */
export function actionBody(event: ApiEvent): ActionBody {
  if (!event.body) return { comments: [] };
  const data = parseJsonBody(decodeText(readBody(event, 256 * 1024)), {
    zh: '应为 JSON：{"reason", "comments", "version"}',
    en: 'expected JSON: {"reason", "comments", "version"}',
  });
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw malformed('应为 JSON 对象', 'expected an object');
  const { reason, comments, version } = data as Record<string, unknown>;
  if (reason !== undefined && reason !== null && (typeof reason !== 'string' || reason.length > MAX_REASON_CHARS))
    throw malformed(`reason 应为不超过 ${MAX_REASON_CHARS} 字的文本`, `reason: text of at most ${MAX_REASON_CHARS}`);
  if (version !== undefined && !(Number.isInteger(version) && (version as number) >= 0))
    throw malformed('version 应为版本号', 'version must be a version number');
  const list: CellComment[] = [];
  if (comments !== undefined && comments !== null) {
    if (!Array.isArray(comments) || comments.length > REVIEW_LIMITS.comments)
      throw malformed(
        `comments 应为不超过 ${REVIEW_LIMITS.comments} 条的列表`,
        `comments: a list of at most ${REVIEW_LIMITS.comments}`,
      );
    for (const c of comments) {
      const { cell, comment } = (c ?? {}) as Record<string, unknown>;
      if (
        typeof cell !== 'string' ||
        typeof comment !== 'string' ||
        !comment.trim() ||
        comment.length > REVIEW_LIMITS.commentChars
      )
        throw malformed(
          `每条批注应为 {cell, comment}，批注不超过 ${REVIEW_LIMITS.commentChars} 字`,
          `each comment is {cell, comment} of at most ${REVIEW_LIMITS.commentChars} characters`,
        );
      list.push({ cell, comment: comment.trim() });
    }
  }
  return {
    ...(typeof reason === 'string' && reason.trim() ? { reason: reason.trim() } : {}),
    comments: list,
    ...(version !== undefined ? { version: version as number } : {}),
  };
}

/** Comments name inputs of the report's workbook: a table cell, 基本信息's fields, a prose section. */
function checkCells(comments: readonly CellComment[], format: FormatVersion): void {
  const layout = workbookLayout(FORMATS[format]);
  const unknown = comments.filter((c) => !layout.byId.has(c.cell)).map((c) => c.cell);
  if (unknown.length)
    throw new HttpError('E-PARAM-INVALID', {
      zh: `批注所指的单元格不存在：${unknown.slice(0, 5).join('、')}`,
      en: `comments name no such cell: ${unknown.slice(0, 5).join(', ')}`,
    });
}

async function authorize(p: Principal, action: ReviewAction, agency: string): Promise<void> {
  // Nothing to report: the agency itself, its office, an administrator (requireReader says who may see the report).
  if (action === 'nothing') return requireReader(p, agency);
  await requireReviewerOf(p, agency);
}

export async function reviewAction(event: ApiEvent, principal: Principal, action: ReviewAction): Promise<ApiResult> {
  const { agency, year } = reportParams(event);
  requireYearOver(year);
  const body = actionBody(event);
  await authorize(principal, action, agency);
  if ((action === 'return' || action === 'nothing') && !body.reason) throw new HttpError('E-REASON-REQUIRED');
  const head = await latestHead(agency, year);
  const state = stateOfHead(head);
  const latest = state.latest;
  if (body.version !== undefined && body.version !== (latest?.version ?? 0))
    throw new HttpError('E-REVIEW-STALE', {
      zh: `所看的是第 ${body.version} 版，最新为第 ${latest?.version ?? 0} 版`,
      en: `version ${body.version} was reviewed; the latest is ${latest?.version ?? 0}`,
    });
  if (!ALLOWED_FROM[action].includes(state.review.state))
    throw new HttpError('E-REVIEW-STATE', {
      zh: `当前状态为「${REVIEW_STATE_LABELS[state.review.state].zh}」`,
      en: `the report is ${REVIEW_STATE_LABELS[state.review.state].en}`,
    });
  if (body.comments.length) {
    if (!latest) throw malformed('尚无报送的版本，不能批注单元格', 'no version to comment on');
    checkCells(body.comments, latest.format);
  }
  const seen = head.reviews[head.reviews.length - 1]?.review ?? 0;
  try {
    const review = await appendReview(agency, year, seen, {
      action,
      version: latest?.version ?? 0,
      ...(body.reason ? { reason: body.reason } : {}),
      ...(body.comments.length ? { comments: body.comments } : {}),
      at: new Date().toISOString(),
      by: submitterOf(principal),
    });
    const after = stateOfHead({ ...head, reviews: [...head.reviews, review] });
    return json(200, {
      agency,
      year,
      review: after.review,
      publication: publicationAnswer(after.publication, after.decision),
      publishedUrl: publishedUrl(event, agency, year),
    });
  } catch (e) {
    if (e instanceof ReviewConflictError)
      throw new HttpError('E-REVIEW-STALE', { zh: '其他审核人刚刚处理了此年报', en: 'another reviewer just acted' });
    throw e;
  }
}
