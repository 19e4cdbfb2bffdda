/** What is public: the published version of a report (or that it was withdrawn), and all published reports of a year. */
import { getVersion, latestDecision, latestVersion, latestVersionsOfYear, publicationOf } from './store';
import type { Decision, Publication, PublishedVersion, VersionMeta } from './store';
import type { Report } from '../report/model/types';

/** The report as the public sees it: under the name it was published under (the registered one, see AGENCY-NAME). */
export function asPublished(report: Report, meta: Pick<VersionMeta, 'agencyName'>): Report {
  return meta.agencyName && meta.agencyName !== report.agency ? { ...report, agency: meta.agencyName } : report;
}

export interface ReportState {
  readonly latest?: VersionMeta;
  readonly decision?: Decision;
  readonly publication: Publication;
}

export async function reportState(agency: string, year: number): Promise<ReportState> {
  const [latest, decision] = await Promise.all([latestVersion(agency, year), latestDecision(agency, year)]);
  return {
    ...(latest ? { latest } : {}),
    ...(decision ? { decision } : {}),
    publication: publicationOf(latest, decision),
  };
}

async function publishedOf(state: ReportState): Promise<PublishedVersion | undefined> {
  const p = state.publication;
  if (p.state !== 'published' || !state.latest) return undefined;
  const meta =
    p.version === state.latest.version
      ? state.latest
      : await getVersion(state.latest.agency, state.latest.year, p.version);
  return meta ? { meta, since: p.since } : undefined;
}

/** Runs `fn` over items, at most `limit` at a time. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

/** Every report published for a year, by agency id (metadata from the year index; the report is read when needed). */
export async function publishedOfYear(year: number): Promise<PublishedVersion[]> {
  const latest = [...(await latestVersionsOfYear(year)).values()];
  const published = await mapLimit(latest, 16, async (meta) => {
    const decision = await latestDecision(meta.agency, meta.year);
    return publishedOf({ latest: meta, ...(decision ? { decision } : {}), publication: publicationOf(meta, decision) });
  });
  return published
    .filter((p): p is PublishedVersion => p !== undefined)
    .sort((a, b) => a.meta.agency.localeCompare(b.meta.agency));
}
