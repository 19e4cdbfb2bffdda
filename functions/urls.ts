/**
 * The public addresses the API hands out: from PUBLIC_BASE_URL (the site's origin) when set, else from the request's
 * own host. Published reports and open data live outside the API (contract/published.ts).
 */
import { publishedPaths } from '../contract/published';
import { readEnv } from './env';
import type { ApiEvent } from './http/api';

/** https://host of the site: the add-in, the API under /api, the published objects. */
export function siteBase(event: ApiEvent): string {
  return readEnv().publicBaseUrl ?? `https://${event.requestContext.domainName}`;
}

/** Where a report's published page is (it answers 404 until the report is public, 410 once withdrawn). */
export const publishedUrl = (event: ApiEvent, agency: string, year: number) =>
  siteBase(event) + publishedPaths.report(agency, year);
