/**
 * Keeping one node of a year's published tree current: its pages (index HTML, CSV, JSON Lines — each at most
 * PAGE_MAX reports) and its manifest (its pages, its children and their counts). Changes arrive as the node's items
 * (functions/store/public.ts): reports' entries and children's counts. Only the pages they touch are read (unless
 * this process wrote them last: nodeFiles.ts) and written; a page that grows past PAGE_MAX (or empties) makes the
 * node's pages be cut again. When the node's count
 * changes, its parent hears of it through the parent's partition, and so on to the top.
 *
 * One node's changes are applied one batch at a time (they come from one partition of the stream, in order; the
 * local stack applies everything in turn), so a page is never written by two builds at once.
 */
import {
  PAGE_MAX,
  ROOT_NODE,
  publishedPaths,
  type ManifestChild,
  type ManifestPage,
  type NodeManifest,
} from '../../contract/published';
import { nodeItems, putChildSummary, type ChildSummary, type PublicEntry } from '../store';
import { columnsOf, entryLines, siteUrl } from './lines';
import {
  Inconsistent,
  holdPages,
  readManifest,
  readPage,
  removeNode,
  removePages,
  takePages,
  writeManifest,
  writePage,
  type StoredManifest,
} from './nodeFiles';
import { agencyOfLine, emptyPage, patchLines, type PageLines } from './pageFiles';
import { nodeInfo, placeOf, type NodeInfo } from './places';
import { mapLimit } from '../publishing';

/** A page that is cut is cut to this size, so that it has room to grow before it is cut again. */
export const PAGE_TARGET = Math.floor((PAGE_MAX * 2) / 3);

export interface NodeChanges {
  readonly entries: readonly PublicEntry[];
  readonly children: readonly ChildSummary[];
}

/** The page of a node an agency belongs on: the last whose first agency is not after it. */
function pageIndexOf(pages: readonly ManifestPage[], agency: string): number {
  let i = 0;
  while (i + 1 < pages.length && pages[i + 1]!.first <= agency) i++;
  return i;
}

/** Lines cut into pages of about PAGE_TARGET, evenly. */
function paginate(all: PageLines): PageLines[] {
  const n = all.html.length;
  const count = Math.max(1, Math.ceil(n / PAGE_TARGET));
  return Array.from({ length: count }, (_, i) => {
    const [from, to] = [Math.floor((i * n) / count), Math.floor(((i + 1) * n) / count)];
    return { html: all.html.slice(from, to), csv: all.csv.slice(from, to), jsonl: all.jsonl.slice(from, to) };
  });
}

const url = (path: string) => siteUrl() + path;

interface PageSummary {
  readonly reports: number;
  readonly first: string;
}

const summaryOf = (p: PageLines): PageSummary => ({
  reports: p.html.length,
  first: p.html.length ? agencyOfLine('html', p.html[0]!) : '',
});

function manifestOf(
  year: number,
  info: NodeInfo,
  pages: readonly PageSummary[],
  children: readonly ChildSummary[],
): NodeManifest {
  const own = pages.reduce((n, p) => n + p.reports, 0);
  return {
    year,
    node: { id: info.id, name: info.name },
    path: info.path,
    reports: own + children.reduce((n, c) => n + c.reports, 0),
    own,
    children: children.map((c): ManifestChild => ({
      id: c.node,
      name: c.name,
      reports: c.reports,
      manifest: url(publishedPaths.manifest(year, c.node)),
      html: url(publishedPaths.index(year, c.node)),
    })),
    pages: pages.map((p, i): ManifestPage => ({
      page: i + 1,
      reports: p.reports,
      first: p.first,
      html: url(publishedPaths.index(year, info.id, i + 1)),
      csv: url(publishedPaths.csv(year, info.id, i + 1)),
      jsonl: url(publishedPaths.jsonl(year, info.id, i + 1)),
    })),
    ...(info.id === ROOT_NODE ? { columns: columnsOf(year) } : {}),
    updatedAt: new Date().toISOString(),
  };
}

/** The parts of a manifest that the first page shows (its other pages show only their rows and the page links). */
const headerOf = (m: NodeManifest) =>
  JSON.stringify([m.node, m.path, m.own, m.reports, m.children.map((c) => [c.id, c.name, c.reports])]);

/** Tells the parent what this node now counts (unless it is the top, or nothing the parent shows changed). */
async function tellParent(
  info: NodeInfo,
  before: NodeManifest | undefined,
  after: NodeManifest,
  always = false,
): Promise<void> {
  if (info.id === ROOT_NODE) return;
  if (!always && before && before.reports === after.reports && before.node.name === after.node.name) return;
  await putChildSummary(after.year, info.parent ?? ROOT_NODE, {
    node: info.id,
    name: info.name,
    reports: after.reports,
  });
}

const sortChildren = (children: ChildSummary[]) =>
  children
    .filter((c) => c.reports > 0)
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));

/**
 * Builds a node afresh from its items (a node not built yet, files that disagree) or from what the rebuild knows
 * (`given`: the node's published entries and its children, its parent told in any case): every page and the
 * manifest, and removes pages left over from before. A node with nothing published below it has no files at all.
 */
export async function rebuildNode(
  year: number,
  node: string,
  given?: NodeChanges & { readonly tellParent: 'always' },
): Promise<NodeManifest> {
  const [stored, items, info] = await Promise.all([
    readManifest(year, node),
    given ?? nodeItems(year, node),
    nodeInfo(node),
  ]);
  const before = stored?.manifest;
  // Read from the table, an entry may be one the report left when it came to be listed elsewhere.
  const here = given
    ? items.entries
    : (
        await mapLimit(items.entries, 16, async (e) =>
          e.state === 'published' && (await placeOf(e.agency)).node === node ? e : undefined,
        )
      ).filter((e): e is PublicEntry => e !== undefined);
  const published = here
    .filter((e) => e.state === 'published' && e.node === node)
    .sort((a, b) => (a.agency < b.agency ? -1 : 1));
  const all = emptyPage();
  for (const e of published) {
    const l = entryLines(e);
    all.html.push(l.html);
    all.csv.push(l.csv);
    all.jsonl.push(l.jsonl);
  }
  const pages = paginate(all);
  const m = manifestOf(year, info, pages.map(summaryOf), sortChildren([...items.children]));
  if (m.reports === 0) {
    await removeNode(before);
  } else {
    await Promise.all(pages.map((p, i) => writePage(m, i + 1, p)));
    await removePages(m, before);
    holdPages(year, node, await writeManifest(m), new Map(pages.map((p, i) => [i, p])));
  }
  await tellParent(info, before, m, given?.tellParent === 'always');
  return m;
}

/** Applies a batch of a node's changed items (the latest of each) to its published files. */
export async function applyNodeChanges(year: number, node: string, changes: NodeChanges): Promise<void> {
  const stored = await readManifest(year, node);
  if (!stored) {
    await rebuildNode(year, node);
    return;
  }
  try {
    await patchNode(stored, changes, takePages(year, node, stored.text));
  } catch (err) {
    if (!(err instanceof Inconsistent)) throw err;
    await rebuildNode(year, node);
  }
}

/** `held`: pages as this process wrote them with the stored manifest (the others are read). */
async function patchNode(stored: StoredManifest, changes: NodeChanges, held: Map<number, PageLines>): Promise<void> {
  const before = stored.manifest;
  const { year } = before;
  const node = before.node.id;
  const pageAt = async (i: number) => held.get(i) ?? readPage(year, node, i + 1);
  // The lines each changed report should have on its page (none: not published, or now listed elsewhere).
  const updates = new Map<number, Map<string, PublicEntry>>();
  for (const e of changes.entries) {
    const i = pageIndexOf(before.pages, e.agency);
    if (!updates.has(i)) updates.set(i, new Map());
    updates.get(i)!.set(e.agency, e);
  }
  const loaded = new Map<number, PageLines>();
  const dirty = new Set<number>();
  await Promise.all([...updates.keys()].map(async (i) => loaded.set(i, await pageAt(i))));
  for (const [i, entries] of updates) {
    const lines = loaded.get(i)!;
    const next = new Map(
      [...entries].map(([a, e]) => [a, e.state === 'published' && e.node === node ? entryLines(e) : undefined]),
    );
    const changed = [
      patchLines('html', lines.html, new Map([...next].map(([a, l]) => [a, l?.html]))),
      patchLines('csv', lines.csv, new Map([...next].map(([a, l]) => [a, l?.csv]))),
      patchLines('jsonl', lines.jsonl, new Map([...next].map(([a, l]) => [a, l?.jsonl]))),
    ];
    if (changed.some(Boolean)) dirty.add(i);
  }
  let pages: PageLines[];
  let repaginated = false;
  const misfit = [...dirty].some((i) => {
    const n = loaded.get(i)!.html.length;
    return n > PAGE_MAX || (n === 0 && before.pages.length > 1);
  });
  if (misfit) {
    // Cut the node's pages again: every page is read, joined in order and cut evenly.
    const all = await Promise.all(before.pages.map((_, i) => loaded.get(i) ?? pageAt(i)));
    pages = paginate({
      html: all.flatMap((p) => p.html),
      csv: all.flatMap((p) => p.csv),
      jsonl: all.flatMap((p) => p.jsonl),
    });
    repaginated = true;
  } else {
    pages = before.pages.map((_, i) => loaded.get(i) ?? emptyPage());
  }
  const children = new Map(
    before.children.map((c): [string, ChildSummary] => [c.id, { node: c.id, name: c.name, reports: c.reports }]),
  );
  for (const c of changes.children) children.set(c.node, c);
  const info = await nodeInfo(node);
  // Pages not read keep their count and first agency as the manifest has them.
  const summaries = pages.map((p, i) => (repaginated || loaded.has(i) ? summaryOf(p) : before.pages[i]!));
  const m = manifestOf(year, info, summaries, sortChildren([...children.values()]));
  if (m.reports === 0) {
    await removeNode(before);
    await tellParent(info, before, m);
    return;
  }
  const headerChanged = headerOf(m) !== headerOf(before);
  // What this process knows of the node's pages once written (the pages unchanged stay as they were).
  const known = new Map(repaginated ? pages.map((p, i) => [i, p] as const) : [...held, ...loaded]);
  if (!repaginated && !headerChanged && dirty.size === 0) {
    holdPages(year, node, stored.text, known);
    return;
  }

  const writes: Promise<void>[] = [];
  if (repaginated) {
    pages.forEach((p, i) => writes.push(writePage(m, i + 1, p)));
  } else {
    for (const i of dirty) writes.push(writePage(m, i + 1, pages[i]!));
    if (headerChanged && !dirty.has(0)) {
      const first = loaded.get(0) ?? (await pageAt(0));
      known.set(0, first);
      writes.push(writePage(m, 1, first, ['html']));
    }
  }
  if (repaginated) {
    // New pages first, then the manifest that lists them: a reader never follows a link to a page not there yet.
    await Promise.all(writes);
    await removePages(m, before);
    holdPages(year, node, await writeManifest(m), known);
  } else {
    // The same pages as before: the manifest lists nothing new, so it is written beside them.
    const [text] = await Promise.all([writeManifest(m), ...writes]);
    holdPages(year, node, text, known);
  }
  await tellParent(info, before, m);
}
