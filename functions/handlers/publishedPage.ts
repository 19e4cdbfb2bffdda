/** GET /published/{agency}/{year} — public: the published version's page, rendered by the report core. */
import { renderReportHtml } from '../../report/render';
import { HttpError } from '../http/errors';
import { apiHandler } from '../http/handler';
import { reportParams } from '../http/request';
import { html } from '../http/response';
import { asPublished } from '../publishing';
import { publishedVersion, versionContent } from '../store';
import { openDataUrl, publishedUrl } from '../urls';

export const handler = apiHandler(
  'publishedPage',
  async (event) => {
    const { agency, year } = reportParams(event);
    const published = await publishedVersion(agency, year);
    if (published === 'withdrawn') throw new HttpError('E-WITHDRAWN');
    if (!published)
      throw new HttpError('E-NOT-FOUND', {
        zh: `${agency} ${year} 年度报告尚未发布`,
        en: `no published report for ${agency} ${year}`,
      });
    const { report } = await versionContent(published.meta);
    return html(
      200,
      renderReportHtml(asPublished(report, published.meta), {
        version: published.meta.version,
        publishedAt: published.since,
        canonicalUrl: publishedUrl(event, agency, year),
        openDataUrl: openDataUrl(event, year, { agency }),
      }),
    );
  },
  { htmlErrors: true },
);
