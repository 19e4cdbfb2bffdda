/**
 * What is public and where a report stands: the published version of a report (or that it was withdrawn), its
 * review status. Every answer here is a function of the report's partition (store/publication.ts publicationOfHead,
 * review/state.ts reviewStatusOf), read at its ends (store/reportEnds.ts) — never its whole history.
 */
import type { ReviewStatus } from '../contract/review';
import type { Report } from '../report/model/types';
import { reviewStatusOf, reviewStatusOfEnds } from './review/state';
import { latestDecision, publicationOfEnds, publicationOfHead, reportEnds } from './store';
import type { Decision, Publication, ReportHead, VersionMeta } from './store';

/** The report as the public sees it: under the name it was published under (the registered one, see AGENCY-NAME). */
export function asPublished(report: Report, meta: Pick<VersionMeta, 'agencyName'>): Report {
  return meta.agencyName && meta.agencyName !== report.agency ? { ...report, agency: meta.agencyName } : report;
}

export interface ReportState {
  readonly head: ReportHead;
  readonly latest?: VersionMeta;
  readonly decision?: Decision;
  readonly publication: Publication;
  readonly review: ReviewStatus;
}

export function stateOfHead(head: ReportHead): ReportState {
  const latest = head.versions[head.versions.length - 1];
  return {
    head,
    ...(latest ? { latest } : {}),
    ...(head.decision ? { decision: head.decision } : {}),
    publication: publicationOfHead(head),
    review: reviewStatusOf(head),
  };
}

/**
 * What a line of a list needs of a report — its latest version, what is public, its review state — from the ends
 * of its partition (store reportEnds, the latest decision), not its history: the same as stateOfHead's of the
 * whole partition (test/functions/reportEnds holds them equal).
 */
export async function reportSummary(
  agency: string,
  year: number,
): Promise<Pick<ReportState, 'latest' | 'decision' | 'publication' | 'review'>> {
  const [ends, decision] = await Promise.all([reportEnds(agency, year), latestDecision(agency, year)]);
  return {
    ...(ends.latest ? { latest: ends.latest } : {}),
    ...(decision ? { decision } : {}),
    publication: await publicationOfEnds(agency, year, ends, decision),
    review: reviewStatusOfEnds(ends.latest, ends.review),
  };
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
