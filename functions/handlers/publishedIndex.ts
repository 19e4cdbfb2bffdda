/** GET /published/{year} — public: the list of a year's published reports. */
import { renderIndexHtml, type IndexEntry } from '../../report/render';
import { apiHandler } from '../http/handler';
import { parseYear } from '../http/request';
import { html } from '../http/response';
import { publishedOfYear } from '../publishing';
import { openDataUrl, publishedUrl } from '../urls';

export const handler = apiHandler(
  'publishedIndex',
  async (event) => {
    const year = parseYear(event.pathParameters?.year);
    const entries: IndexEntry[] = (await publishedOfYear(year)).map(({ meta, since }) => ({
      agencyId: meta.agency,
      agency: meta.agencyName ?? meta.agency,
      year,
      version: meta.version,
      publishedAt: since,
      url: publishedUrl(event, meta.agency, year),
    }));
    return html(
      200,
      renderIndexHtml(year, entries, {
        jsonUrl: openDataUrl(event, year),
        csvUrl: openDataUrl(event, year, { format: 'csv' }),
      }),
    );
  },
  { htmlErrors: true },
);
