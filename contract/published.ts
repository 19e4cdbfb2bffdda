/**
 * Where the public finds published reports and open data: static objects, built once per change by the publishing
 * builder (functions/published/) and served as they are — by CloudFront from S3 on AWS, by the local stack from a
 * folder under its data directory. A URL path is its object's key with a leading slash; nothing is computed per
 * request, and no query string is read.
 *
 * A year's reports form a tree of nodes (the hierarchy: 全部 → 省 → 市 → 县, each node a government and the
 * agencies that belong to it). Each node's own reports are split into pages of at most PAGE_MAX; every page exists
 * as HTML (the index), CSV and JSON Lines (open data), and each node has a small JSON manifest of its pages and its
 * children, so that no object grows with the country.
 */

/** The top of every year's tree (not a valid agency id, so it never collides with one). */
export const ROOT_NODE = '_';

/** The most reports one index or open-data page lists. */
export const PAGE_MAX = 300;

/** The URL prefixes of published objects (each a CloudFront behavior, a folder of the local object store). */
export const PUBLISHED_PREFIXES = ['/published/', '/open-data/'] as const;

const jsonlFolder = (year: number) => `/open-data/${year}/jsonl/`;

export const publishedPaths = {
  /** A report's page (410 once withdrawn). */
  report: (agency: string, year: number) => `/published/${year}/r/${agency}.html`,
  /** An index page of a node: the year's entry page is the root's first page. */
  index: (year: number, node: string = ROOT_NODE, page = 1) =>
    node === ROOT_NODE && page === 1 ? `/published/${year}/index.html` : `/published/${year}/n/${node}/${page}.html`,
  /** A node's manifest: its reports' pages (CSV, JSON Lines), its children, its counts; the root's is the year's. */
  manifest: (year: number, node: string = ROOT_NODE) =>
    node === ROOT_NODE ? `/open-data/${year}/index.json` : `/open-data/${year}/n/${node}.json`,
  /** A page of a node's own reports as CSV: every CSV of a year has the same columns (one Athena table per year). */
  csv: (year: number, node: string, page: number) => `/open-data/${year}/csv/${node}.${page}.csv`,
  /** The same page as JSON Lines: one record per line. */
  jsonl: (year: number, node: string, page: number) => `${jsonlFolder(year)}${node}.${page}.jsonl`,
  /** The folder of a year's JSON Lines pages, every node's side by side (an Athena table's location). */
  jsonlFolder,
  /** One report's record (JSON). */
  record: (agency: string, year: number) => `/open-data/${year}/r/${agency}.json`,
} as const;

/** The object key of a public path (no leading slash), or undefined when the path is not a published object's. */
export function publishedKeyOf(path: string): string | undefined {
  if (!PUBLISHED_PREFIXES.some((p) => path.startsWith(p))) return undefined;
  // Keys are made of ids, years and fixed words only: anything else (.., %, //) names no object.
  if (!/^\/[a-z0-9_./-]+$/.test(path) || path.includes('..') || path.includes('//')) return undefined;
  return path.slice(1);
}

/** One page of a node's own reports, as its manifest lists it. */
export interface ManifestPage {
  readonly page: number;
  /** Reports on the page. */
  readonly reports: number;
  /** The first agency id on the page (pages are in agency id order). */
  readonly first: string;
  readonly html: string;
  readonly csv: string;
  readonly jsonl: string;
}

/** A child node (a government below this one) with the published reports of its whole subtree. */
export interface ManifestChild {
  readonly id: string;
  readonly name: string;
  readonly reports: number;
  readonly manifest: string;
  readonly html: string;
}

/** A node's manifest (GET /open-data/{year}/index.json for the root). */
export interface NodeManifest {
  readonly year: number;
  readonly node: { readonly id: string; readonly name: string };
  /** Ancestors, top first (not the root). */
  readonly path: readonly { readonly id: string; readonly name: string }[];
  /** Published reports in the subtree, and of the node itself. */
  readonly reports: number;
  readonly own: number;
  readonly children: readonly ManifestChild[];
  readonly pages: readonly ManifestPage[];
  /** The open-data columns of the year (root manifest only): key and official label, as in the CSV header. */
  readonly columns?: readonly { readonly key: string; readonly label: string }[];
  readonly updatedAt: string;
}
