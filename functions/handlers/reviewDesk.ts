/**
 * The review desk of an office (one function for both routes):
 *   GET /review/{year}[?office=ID][&format=csv][&asOf=ISO] — each agency the office reviews: state, dates, deadline,
 *     overdue and late flags (as of now, or asOf), counts, the reminder list; CSV for Excel with format=csv;
 *   POST /review/{year}/reminders[?office=ID] — reminds the agencies on the list (SES, or the log).
 * A reviewer's own office by default; administrators name one.
 */
import { officeOf } from '../access';
import type { ApiEvent } from '../http/api';
import { requirePrincipal } from '../http/auth';
import { HttpError } from '../http/errors';
import { apiHandler } from '../http/handler';
import { parseAgency, parseYear, query } from '../http/request';
import { csv, json } from '../http/response';
import { deskCsv, readDesk } from '../review/desk';
import { sendReminders } from '../review/reminders';
import { agencyRecord } from '../store';

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
  const desk = await readDesk(record, year, asOfOf(event));
  if (event.requestContext.http.method === 'POST') return json(200, await sendReminders(desk));
  const { records: _records, ...answer } = desk;
  const format = query(event, 'format') ?? 'json';
  if (format === 'csv') {
    const file = csv(deskCsv(answer), `nianbao-review-${office}-${year}.csv`);
    return { ...file, headers: { ...file.headers, 'cache-control': 'no-store' } }; // not public, unlike open data
  }
  if (format !== 'json')
    throw new HttpError('E-PARAM-INVALID', { zh: 'format 应为 json 或 csv', en: 'format: json or csv' });
  return json(200, answer);
});
