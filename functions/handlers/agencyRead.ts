/**
 * Reading the registry (one function for both routes):
 *   GET /agencies?office=ID | ?region=ID (region= empty: the top level) [&limit=N&cursor=C] — the agencies an office
 *     reviews, or that belong to a government, a page at a time: administrators any, a reviewer its own office's
 *     (and its own government's region);
 *   GET /agencies/{agency} — one agency's record: administrators, its reviewer and the agency itself.
 */
import { AGENCY_PAGE } from '../../contract/registry';
import { requireOffice, requireReader } from '../access';
import { requirePrincipal, type Principal } from '../http/auth';
import { HttpError } from '../http/errors';
import { apiHandler } from '../http/handler';
import { parseAgency, parseLimit, query } from '../http/request';
import type { ApiEvent, ApiResult } from '../http/api';
import { json } from '../http/response';
import { agencyRecord, CursorError, listAgencyPage, type AgencyGroup } from '../store';

async function one(principal: Principal, agency: string): Promise<ApiResult> {
  await requireReader(principal, agency);
  const record = await agencyRecord(agency);
  if (!record) throw new HttpError('E-NOT-FOUND', { zh: `${agency} 未登记`, en: `${agency} is not registered` });
  return json(200, record);
}

async function page(principal: Principal, event: ApiEvent): Promise<ApiResult> {
  const officeText = query(event, 'office');
  const hasRegion = event.queryStringParameters?.region !== undefined;
  if ((officeText === undefined) === !hasRegion)
    throw new HttpError('E-PARAM-INVALID', {
      zh: '请给出 office=审核机关 或 region=所属政府（留空为最上一级）之一',
      en: 'give one of office=<office> or region=<government> (empty: the top level)',
    });
  let group: AgencyGroup;
  if (officeText !== undefined) {
    const office = parseAgency(officeText);
    requireOffice(principal, office);
    group = { office };
  } else {
    const regionText = query(event, 'region');
    const region = regionText === undefined ? null : parseAgency(regionText);
    if (!principal.admin) requireOffice(principal, region ?? '-');
    group = { region };
  }
  const limit = parseLimit(query(event, 'limit'), AGENCY_PAGE);
  const cursor = query(event, 'cursor');
  try {
    return json(200, await listAgencyPage(group, { limit, ...(cursor ? { cursor } : {}) }));
  } catch (e) {
    if (e instanceof CursorError) throw new HttpError('E-PARAM-INVALID', { zh: 'cursor 无效', en: 'invalid cursor' });
    throw e;
  }
}

export const handler = apiHandler('agencyRead', async (event) => {
  const principal = requirePrincipal(event);
  const agency = event.pathParameters?.agency;
  return agency !== undefined ? one(principal, parseAgency(agency)) : page(principal, event);
});
