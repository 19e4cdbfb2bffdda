/**
 * GET /open-data/{year}[?format=csv][&agency=ID] — public: the year's published reports as data, one flat record
 * per report (JSON, or CSV safe against formula injection), from the report core.
 */
import { openDataColumns, reportToOpenData, toCsv, type OpenDataRecord } from '../../report/render';
import { HttpError } from '../http/errors';
import { apiHandler } from '../http/handler';
import { parseAgency, parseYear, query } from '../http/request';
import { csv, json } from '../http/response';
import { asPublished, mapLimit, publishedOfYear } from '../publishing';
import { publishedVersion, versionContent, type PublishedVersion } from '../store';
import { publishedUrl } from '../urls';

export const handler = apiHandler('openData', async (event) => {
  const year = parseYear(event.pathParameters?.year);
  const format = query(event, 'format') ?? 'json';
  if (format !== 'json' && format !== 'csv') {
    throw new HttpError('E-BODY-MALFORMED', { zh: 'format 应为 json 或 csv', en: 'format must be json or csv' });
  }
  const agencyText = query(event, 'agency');
  let published: PublishedVersion[];
  if (agencyText !== undefined) {
    const one = await publishedVersion(parseAgency(agencyText), year);
    published = one && one !== 'withdrawn' ? [one] : [];
  } else {
    published = await publishedOfYear(year);
  }
  const records: OpenDataRecord[] = await mapLimit(published, 16, async ({ meta, since }) =>
    reportToOpenData(asPublished((await versionContent(meta)).report, meta), {
      agencyId: meta.agency,
      version: meta.version,
      publishedAt: since,
      url: publishedUrl(event, meta.agency, year),
    }),
  );
  const name = agencyText ? `nianbao-${year}-${agencyText}` : `nianbao-${year}`;
  if (format === 'csv') return csv(toCsv(records), `${name}.csv`);
  return json(
    200,
    { year, columns: openDataColumns(records), reports: records },
    { 'cache-control': 'public, max-age=60' },
  );
});
