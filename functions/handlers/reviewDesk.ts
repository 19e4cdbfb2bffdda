/**
 * The review desk of an office (one function for both routes):
 *   GET /review/{year}[?office=ID][&asOf=ISO][&limit=N][&cursor=C] — a page of the agencies the office reviews
 *     (DESK_PAGE: 100 by default, at most 500; the next with the answer's `next`): state, dates, deadline, overdue
 *     and late flags (as of now, or asOf), the page's counts and reminder list;
 *   GET /review/{year}?format=csv — the whole desk as CSV for Excel (read a page at a time);
 *   POST /review/{year}/reminders[?office=ID] — reminds every agency of the office on the list (SES, or the log).
 * A reviewer's own office by default; administrators name one.
 */
import { DESK_PAGE } from '../../contract/review';
import { officeOf } from '../access';
import type { ApiEvent } from '../http/api';
import { requirePrincipal } from '../http/auth';
import { HttpError } from '../http/errors';
import { apiHandler } from '../http/handler';
import { parseAgency, parseLimit, parseYear, query } from '../http/request';
import { csv, json } from '../http/response';
import { deskCsv, readDesk, readDeskPage } from '../review/desk';
import { sendReminders } from '../review/reminders';
import { agencyRecord, CursorError } from '../store';

function asOfOf(event: ApiEvent): number {
  const text = query(event, 'asOf');
  if (text === undefined) return Date.now();
  const t = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(t))
    throw new HttpError('E-PARAM-INVALID', {
      zh: 'asOf 应为日期，如 2026-02-01',
      en: 'asOf must be a date, e.g. 2026-02-01',
    });
  return t;
}

export const handler = apiHandler('reviewDesk', async (event) => {
  const principal = requirePrincipal(event);
  const year = parseYear(event.pathParameters?.year);
  const requested = query(event, 'office');
  const office = officeOf(principal, requested === undefined ? undefined : parseAgency(requested));
  const record = await agencyRecord(office);
  if (!record || record.kind !== '政府')
    throw new HttpError('E-NOT-FOUND', {
      zh: `${office} 不是登记的审核机关`,
      en: `${office} is not a registered office`,
    });
  const asOf = asOfOf(event);
  if (event.requestContext.http.method === 'POST')
    return json(200, await sendReminders(await readDesk(record, year, asOf)));
  const format = query(event, 'format') ?? 'json';
  if (format === 'csv') {
    const file = csv(deskCsv(await readDesk(record, year, asOf)), `nianbao-review-${office}-${year}.csv`);
    return { ...file, headers: { ...file.headers, 'cache-control': 'no-store' } }; // not public, unlike open data
  }
  if (format !== 'json')
    throw new HttpError('E-PARAM-INVALID', { zh: 'format 应为 json 或 csv', en: 'format: json or csv' });
  const limit = parseLimit(query(event, 'limit'), DESK_PAGE);
  const cursor = query(event, 'cursor');
  try {
    const { records: _records, ...answer } = await readDeskPage(record, year, asOf, {
      limit,
      ...(cursor ? { cursor } : {}),
    });
    return json(200, answer);
  } catch (e) {
    if (e instanceof CursorError) throw new HttpError('E-PARAM-INVALID', { zh: 'cursor 无效', en: 'invalid cursor' });
    throw e;
  }
});
