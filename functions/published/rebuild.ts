/**
 * Recreating a year's published objects from the table alone (after a restore from PITR, or to repair anything):
 * every report of the year is published again from its own items, every node is built afresh from the bottom up
 * (children before parents, their counts known), the builder's items that no longer hold (a report now listed under
 * another node, a node now empty) are set right, and objects nothing refers to are deleted. Safe beside the stream:
 * both only ever write the state the table holds.
 */
import { MIN_YEAR } from '../../contract/limits';
import { ROOT_NODE, publishedPaths, type NodeManifest } from '../../contract/published';
import { mapLimit } from '../publishing';
import { agenciesOfYear, nodeItems, putChildSummary, putPublicEntry, type PublicEntry } from '../store';
import { rebuildNode } from './node';
import { objectStore } from './objects';
import { FORMATS, pageKey } from './pageFiles';
import { nodeInfo, prefetchPlaces, type NodeInfo } from './places';
import { publishReport } from './report';

export interface RebuildResult {
  readonly year: number;
  /** Reports found for the year, and how many of them are published. */
  readonly reports: number;
  readonly published: number;
  readonly nodes: number;
  /** Objects deleted because nothing refers to them any more. */
  readonly removed: number;
  readonly ms: number;
}

export interface RebuildOptions {
  /** Reports or nodes built at once (default 16). */
  readonly parallel?: number;
  readonly log?: (line: string) => void;
}

export async function rebuildYear(year: number, opts: RebuildOptions = {}): Promise<RebuildResult> {
  const started = Date.now();
  const parallel = opts.parallel ?? 16;
  const log = opts.log ?? (() => undefined);
  const agencies = await agenciesOfYear(year);
  log(`${year}: ${agencies.length} reports`);
  await prefetchPlaces(agencies);
  const entries = new Map<string, PublicEntry>();
  await mapLimit(agencies, parallel, async (a) => void entries.set(a, await publishReport(a, year)));

  const manifests = await buildTree(year, entries, { parallel });
  const removed = await sweep(year, entries, [...manifests.values()]);
  const published = [...entries.values()].filter((e) => e.state === 'published').length;
  log(`${year}: ${published} published, ${manifests.size} nodes, ${removed} stale objects removed`);
  return { year, reports: agencies.length, published, nodes: manifests.size, removed, ms: Date.now() - started };
}

/**
 * Builds every node of a year's tree afresh from the reports' entries (each agency's latest; the rebuild computes
 * them, the benchmark seeds them): the nodes with published reports and every node above them, bottom up, each
 * node's stale items settled. Returns the manifests of the nodes built.
 */
export async function buildTree(
  year: number,
  entries: ReadonlyMap<string, PublicEntry>,
  opts: { readonly parallel?: number } = {},
): Promise<Map<string, NodeManifest>> {
  const parallel = opts.parallel ?? 16;
  // The nodes with published reports, and every node above them.
  const own = new Map<string, PublicEntry[]>();
  for (const e of entries.values()) {
    if (e.state !== 'published') continue;
    if (!own.has(e.node)) own.set(e.node, []);
    own.get(e.node)!.push(e);
  }
  const infos = new Map<string, NodeInfo>();
  const addNode = async (node: string): Promise<void> => {
    if (infos.has(node)) return;
    const info = await nodeInfo(node);
    infos.set(node, info);
    if (node !== ROOT_NODE) await addNode(info.parent ?? ROOT_NODE);
  };
  await addNode(ROOT_NODE);
  for (const node of own.keys()) await addNode(node);
  // Nodes built before (their manifests are in the store): their items may list reports that are elsewhere now.
  for (const node of await builtNodes(year)) await addNode(node);
  const kids = new Map<string, string[]>();
  for (const [id, info] of infos) {
    if (id === ROOT_NODE) continue;
    const parent = info.parent ?? ROOT_NODE;
    if (!kids.has(parent)) kids.set(parent, []);
    kids.get(parent)!.push(id);
  }

  // Bottom up: a node's children are built (and counted) before it; a node with nothing published below it is not
  // built (the sweep removes what it had).
  const depth = (id: string) => (id === ROOT_NODE ? 0 : infos.get(id)!.path.length + 1);
  const levels = [...new Set([...infos.keys()].map(depth))].sort((a, b) => b - a);
  const manifests = new Map<string, NodeManifest>();
  for (const level of levels) {
    const nodes = [...infos.keys()].filter((id) => depth(id) === level);
    await mapLimit(nodes, parallel, async (node) => {
      const children = (kids.get(node) ?? [])
        .map((c) => ({ node: c, name: infos.get(c)!.name, reports: manifests.get(c)?.reports ?? 0 }))
        .filter((c) => c.reports > 0);
      await settleStaleItems(year, node, entries, new Set(children.map((c) => c.node)));
      if (!own.has(node) && !children.length) return;
      manifests.set(
        node,
        await rebuildNode(year, node, { entries: own.get(node) ?? [], children, tellParent: 'always' }),
      );
    });
  }
  return manifests;
}

/** The nodes whose manifests the store holds for the year. */
async function builtNodes(year: number): Promise<string[]> {
  const prefix = publishedPaths.manifest(year, 'x').slice(1, -'x.json'.length);
  const nodes: string[] = [];
  for await (const key of objectStore().list(prefix))
    if (key.endsWith('.json')) nodes.push(key.slice(prefix.length, -5));
  return nodes;
}

/** A node's items that no longer hold: a report listed elsewhere now (or gone), a child that no longer counts. */
async function settleStaleItems(
  year: number,
  node: string,
  entries: ReadonlyMap<string, PublicEntry>,
  children: ReadonlySet<string>,
): Promise<void> {
  const stored = await nodeItems(year, node);
  await Promise.all([
    ...stored.entries
      .filter((e) => e.state === 'published' && entries.get(e.agency)?.node !== node)
      .map((e) => putPublicEntry({ agency: e.agency, year, node, rev: e.rev, state: 'none' })),
    ...stored.children
      .filter((c) => c.reports > 0 && !children.has(c.node))
      .map((c) => putChildSummary(year, node, { ...c, reports: 0 })),
  ]);
}

/** Deletes the year's objects that no report and no node refers to. */
async function sweep(
  year: number,
  entries: ReadonlyMap<string, PublicEntry>,
  manifests: readonly NodeManifest[],
): Promise<number> {
  const keep = new Set<string>();
  const key = (path: string) => keep.add(path.slice(1));
  for (const e of entries.values()) {
    if (e.state !== 'none') key(publishedPaths.report(e.agency, year));
    if (e.state === 'published') key(publishedPaths.record(e.agency, year));
  }
  for (const m of manifests) {
    key(publishedPaths.manifest(year, m.node.id));
    for (const p of m.pages) for (const f of FORMATS) keep.add(pageKey(f, year, m.node.id, p.page));
  }
  const store = objectStore();
  let removed = 0;
  for (const prefix of [`published/${year}/`, `open-data/${year}/`]) {
    const stale: string[] = [];
    for await (const k of store.list(prefix)) if (!keep.has(k)) stale.push(k);
    await mapLimit(stale, 16, (k) => store.delete(k));
    removed += stale.length;
  }
  return removed;
}

/** Every year with reports (from MIN_YEAR to this year), rebuilt in turn. */
export async function rebuildAll(opts: RebuildOptions = {}): Promise<RebuildResult[]> {
  const out: RebuildResult[] = [];
  for (let year = MIN_YEAR; year <= new Date().getFullYear(); year++) {
    if ((await agenciesOfYear(year)).length) out.push(await rebuildYear(year, opts));
  }
  return out;
}
