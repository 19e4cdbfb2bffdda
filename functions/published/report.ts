/**
 * Publishing one report: its public state is computed again from the newest items of its partition (versions,
 * review transitions, decisions: store/publication.ts recentHead — a bounded read whatever the report's history —
 * never from what a stream record says, so a repeated, late or reordered delivery changes nothing), its own page and
 * record are written (a withdrawn report's page says so with 410; one never published has none), and its entry is
 * recorded in its node's partition, where the node's build picks it up. An entry is recorded only over an older one:
 * if a newer computation got there first, this one starts again, so the files end as the newest state has them. The
 * files and the entry are written side by side: either may fail, and then the whole step is done again (a
 * redelivery).
 */
import { publishedPaths } from '../../contract/published';
import { renderReportHtml } from '../../report/render';
import { errorPage } from '../http/response';
import { asPublished } from '../publishing';
import {
  getVersion,
  publicationOfRecent,
  putPublicEntry,
  recentHead,
  versionContent,
  type PublicEntry,
  type RecentHead,
  type VersionMeta,
} from '../store';
import { cellsOf, entryRecord, siteUrl } from './lines';
import { objectStore } from './objects';
import { placeOf } from './places';

const MAX_ATTEMPTS = 5;
const HTML = 'text/html; charset=utf-8';

/** Items of a report's partition its first read takes: every version, transition and decision of most reports. */
const HEAD_READ_ITEMS = 10;

/** Grows with every version, review transition and decision of the report: a later state never has a lower one. */
function revisionOf(head: RecentHead): number {
  return (head.latest?.version ?? 0) + (head.decision?.decision ?? 0) + (head.review?.review ?? 0);
}

/**
 * Computes and publishes the report's current public state; returns the entry recorded. `written`: version items of
 * the report as the stream brought them (store/versions.ts toMeta of their images) — a version's item never changes,
 * so the one that is public is taken from there rather than read again when it is among them.
 */
export async function publishReport(
  agency: string,
  year: number,
  written: readonly VersionMeta[] = [],
): Promise<PublicEntry> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const { entry, files } = await prepareReport(agency, year, written);
    const [recorded] = await Promise.all([putPublicEntry(entry), files()]);
    if (recorded) return entry;
  }
  throw new Error(`${agency} ${year}: a newer state kept overtaking this one`);
}

interface Prepared {
  readonly entry: PublicEntry;
  /** Writes the report's page and record (or removes them). */
  readonly files: () => Promise<unknown>;
}

async function prepareReport(agency: string, year: number, written: readonly VersionMeta[]): Promise<Prepared> {
  const [head, place] = await Promise.all([
    recentHead(agency, year, { limit: HEAD_READ_ITEMS, content: false, review: true }),
    placeOf(agency),
  ]);
  const rev = revisionOf(head);
  const store = objectStore();
  const pageKey = publishedPaths.report(agency, year).slice(1);
  const recordKey = publishedPaths.record(agency, year).slice(1);
  const p = publicationOfRecent(head);
  // The public version as read, or as the stream brought it, or else by itself (an older one, of a long history).
  const image = (version: number) =>
    written.find((w) => w.agency === agency && w.year === year && w.version === version);
  const meta =
    p.state === 'published'
      ? (head.versions.get(p.version) ?? image(p.version) ?? (await getVersion(agency, year, p.version)))
      : undefined;
  if (p.state !== 'published' || !meta) {
    return {
      entry: { agency, year, node: place.node, rev, state: p.state === 'withdrawn' ? 'withdrawn' : 'none' },
      files: () =>
        Promise.all([
          p.state === 'withdrawn'
            ? store.put(pageKey, errorPage('E-WITHDRAWN').body, { contentType: HTML, status: 410 })
            : store.delete(pageKey),
          store.delete(recordKey),
        ]),
    };
  }
  // Under the name it was published under (the registered one, see AGENCY-NAME).
  const report = asPublished((await versionContent(image(meta.version) ?? meta)).report, meta);
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
  const page = renderReportHtml(report, {
    version: meta.version,
    publishedAt: p.since,
    canonicalUrl: site + publishedPaths.report(agency, year),
    openDataUrl: publishedPaths.record(agency, year),
  });
  const record = JSON.stringify(entryRecord(entry));
  return {
    entry,
    files: () =>
      Promise.all([
        store.put(pageKey, page, { contentType: HTML }),
        store.put(recordKey, record, { contentType: 'application/json; charset=utf-8' }),
      ]),
  };
}
