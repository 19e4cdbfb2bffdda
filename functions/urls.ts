/** The public addresses the API hands out: from PUBLIC_BASE_URL when set, else from the request's own host. */
import { readEnv } from './env';
import type { ApiEvent } from './http/api';
import { API_BASE } from '../contract/routes';

export function apiBase(event: ApiEvent): string {
  const env = readEnv();
  return env.publicBaseUrl ?? `https://${event.requestContext.domainName}${API_BASE}`;
}

export const publishedUrl = (event: ApiEvent, agency: string, year: number) =>
  `${apiBase(event)}/published/${encodeURIComponent(agency)}/${year}`;
export const publishedIndexUrl = (event: ApiEvent, year: number) => `${apiBase(event)}/published/${year}`;
export function openDataUrl(
  event: ApiEvent,
  year: number,
  opts: { format?: 'json' | 'csv'; agency?: string } = {},
): string {
  const params = new URLSearchParams();
  if (opts.format === 'csv') params.set('format', 'csv');
  if (opts.agency) params.set('agency', opts.agency);
  const q = params.toString();
  return `${apiBase(event)}/open-data/${year}${q ? `?${q}` : ''}`;
}
