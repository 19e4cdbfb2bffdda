/**
 * Publishing one report: its public state is computed again from the items of its partition (versions, review
 * transitions, decisions: store/publication.ts reportHead and publicationOfHead — never from what a stream record says, so a repeated, late or reordered delivery changes nothing), its own page and record are
 * written (a withdrawn report's page says so with 410; one never published has none), and its entry is recorded in
 * its node's partition, where the node's build picks it up. An entry is recorded only over an older one: if a newer
 * computation got there first, this one starts again, so the files end as the newest state has them.
 */
import { publishedPaths } from '../../contract/published';
import { renderReportHtml } from '../../report/render';
import { errorPage } from '../http/response';
import { asPublished, reportState, type ReportState } from '../publishing';
import { putPublicEntry, versionContent, type PublicEntry } from '../store';
import { cellsOf, entryRecord, siteUrl } from './lines';
import { objectStore } from './objects';
import { placeOf } from './places';

const MAX_ATTEMPTS = 5;
const HTML = 'text/html; charset=utf-8';

/** Grows with every version, review transition and decision of the report: a later state never has a lower one. */
export function revisionOf(state: ReportState): number {
  const reviews = state.head.reviews;
  return (state.latest?.version ?? 0) + (state.decision?.decision ?? 0) + (reviews[reviews.length - 1]?.review ?? 0);
}

/** Computes and publishes the report's current public state; returns the entry recorded. */
export async function publishReport(agency: string, year: number): Promise<PublicEntry> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const entry = await writeReport(agency, year);
    if (await putPublicEntry(entry)) return entry;
  }
  throw new Error(`${agency} ${year}: a newer state kept overtaking this one`);
}

async function writeReport(agency: string, year: number): Promise<PublicEntry> {
  const [state, place] = await Promise.all([reportState(agency, year), placeOf(agency)]);
  const rev = revisionOf(state);
  const store = objectStore();
  const pageKey = publishedPaths.report(agency, year).slice(1);
  const recordKey = publishedPaths.record(agency, year).slice(1);
  const p = state.publication;
  const meta = p.state === 'published' ? state.head.versions.find((v) => v.version === p.version) : undefined;
  if (p.state !== 'published' || !meta) {
    await Promise.all([
      p.state === 'withdrawn'
        ? store.put(pageKey, errorPage('E-WITHDRAWN').body, { contentType: HTML, status: 410 })
        : store.delete(pageKey),
      store.delete(recordKey),
    ]);
    return { agency, year, node: place.node, rev, state: p.state === 'withdrawn' ? 'withdrawn' : 'none' };
  }
  // Under the name it was published under (the registered one, see AGENCY-NAME).
  const report = asPublished((await versionContent(meta)).report, meta);
  const entry: PublicEntry = {
    agency,
    year,
    node: place.node,
    rev,
    state: 'published',
    name: report.agency?.trim() || place.name || agency,
    version: meta.version,
    publishedAt: p.since,
    format: report.format,
    cells: cellsOf(report),
  };
  const site = siteUrl();
  await Promise.all([
    store.put(
      pageKey,
      renderReportHtml(report, {
        version: meta.version,
        publishedAt: p.since,
        canonicalUrl: site + publishedPaths.report(agency, year),
        openDataUrl: publishedPaths.record(agency, year),
      }),
      { contentType: HTML },
    ),
    store.put(recordKey, JSON.stringify(entryRecord(entry)), { contentType: 'application/json; charset=utf-8' }),
  ]);
  return entry;
}
