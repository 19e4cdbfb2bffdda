/**
 * The consolidated 本级政府 report of an office: which agencies it covers (its own government's departments, or
 * every agency it reviews: the office's setting, or the request's), each one's accepted version, their sums
 * (report/consolidate), and who is missing. Also what a government's own submission is held against
 * (CONSOLIDATION-DIFF), with the registered name (AGENCY-NAME): the repository's part of a submission's validation.
 */
import type { AgencyRecord, ConsolidationScope } from '../../contract/registry';
import type { ReviewState } from '../../contract/review';
import { consolidate, sumReports } from '../../report/consolidate';
import { formatForYear } from '../../report/format';
import type { Report } from '../../report/model/types';
import type { Consolidated } from '../../report/rules/types';
import { mapLimit } from '../publishing';
import {
  agenciesOf,
  getVersion,
  listReviews,
  registeredName,
  reportEnds,
  versionContent,
  type ReportHead,
} from '../store';
import { reviewStatusOfEnds } from './state';

/** The version an office accepted and has not returned since (its figures count), if any. */
export function acceptedVersionOf(head: Pick<ReportHead, 'reviews'>): number | undefined {
  const reviews = head.reviews;
  for (let i = reviews.length - 1; i >= 0; i--) {
    const r = reviews[i]!;
    if (r.action === 'return') return undefined;
    if (r.action === 'accept') return r.version;
  }
  return undefined;
}

export interface Coverage {
  readonly scope: ConsolidationScope;
  readonly included: { agency: string; name: string; version: number }[];
  readonly missing: { agency: string; name: string; state: ReviewState }[];
  readonly reports: Report[];
}

/** The agencies a consolidation covers: the office's own departments, or all it reviews. */
export function inScope(office: AgencyRecord, members: readonly AgencyRecord[], scope: ConsolidationScope) {
  return members.filter((m) => scope === 'all' || (m.kind === '部门' && m.parent === office.agency));
}

/** Reads the accepted reports of the agencies the office covers (16 at a time), not their histories. */
export async function coverage(office: AgencyRecord, year: number, scope?: ConsolidationScope): Promise<Coverage> {
  const chosen = scope ?? office.settings?.consolidate ?? 'departments';
  const members = inScope(office, await agenciesOf({ office: office.agency }), chosen).sort((a, b) =>
    a.agency.localeCompare(b.agency),
  );
  const format = formatForYear(year).version;
  const read = await mapLimit(members, 16, async (m) => {
    // The transitions (small items) say which version counts; that version alone is read, with its report (the
    // latest, most often, comes with the ends) — not the rest of the agency's history.
    const [reviews, ends] = await Promise.all([
      listReviews(m.agency, year),
      reportEnds(m.agency, year, { content: true }),
    ]);
    const version = acceptedVersionOf({ reviews });
    const meta =
      version === undefined
        ? undefined
        : version === ends.latest?.version
          ? ends.latest
          : await getVersion(m.agency, year, version);
    if (!meta || meta.format !== format)
      return { m, state: reviewStatusOfEnds(ends.latest, reviews[reviews.length - 1]).state };
    return { m, version: meta.version, report: (await versionContent(meta)).report };
  });
  const out: Coverage = { scope: chosen, included: [], missing: [], reports: [] };
  for (const r of read) {
    if ('report' in r && r.report) {
      out.included.push({ agency: r.m.agency, name: r.m.name, version: r.version! });
      out.reports.push(r.report);
    } else out.missing.push({ agency: r.m.agency, name: r.m.name, state: (r as { state: ReviewState }).state });
  }
  return out;
}

/** The consolidated report and who is in it. */
export async function consolidatedReport(office: AgencyRecord, year: number, scope?: ConsolidationScope) {
  const c = await coverage(office, year, scope);
  return { ...c, report: consolidate(office.name, year, c.reports) };
}

/**
 * What the repository adds to a submission's validation: the registered name (AGENCY-NAME), and for a government's
 * own report the sums of its office's accepted reports (CONSOLIDATION-DIFF). Read beside last year's report.
 */
export async function repositoryContext(
  agency: string,
  year: number,
): Promise<{ name?: string; record?: AgencyRecord; consolidated?: Consolidated }> {
  const registered = await registeredName(agency);
  if (registered.record?.kind !== '政府') return registered;
  const c = await coverage(registered.record, year);
  if (c.reports.length === 0) return registered;
  return { ...registered, consolidated: { values: sumReports(c.reports, year), reports: c.reports.length } };
}
