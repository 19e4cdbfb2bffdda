/** GET /reports/{agency}/{year}/versions/{version}/original — the archived bytes exactly as they were submitted. */
import { requireReader } from '../access';
import { requirePrincipal } from '../http/auth';
import { HttpError } from '../http/errors';
import { apiHandler } from '../http/handler';
import { parseVersion, reportParams } from '../http/request';
import { bytes } from '../http/response';
import { getVersion, versionOriginal } from '../store';

const EXTENSION = { json: 'json', xlsx: 'xlsx', text: 'txt', html: 'html', docx: 'docx' } as const;

export const handler = apiHandler('getOriginal', async (event) => {
  const principal = requirePrincipal(event);
  const { agency, year } = reportParams(event);
  const version = parseVersion(event.pathParameters?.version);
  await requireReader(principal, agency);
  const meta = await getVersion(agency, year, version);
  if (!meta)
    throw new HttpError('E-NOT-FOUND', {
      zh: `${agency} ${year} 第 ${version} 版`,
      en: `${agency} ${year} version ${version}`,
    });
  const original = await versionOriginal(meta);
  return bytes(original, meta.source.contentType, `${agency}-${year}-v${version}.${EXTENSION[meta.source.kind]}`);
});
