/**
 * A node's stored files — its manifest and, per page, its index HTML, CSV and JSON Lines — read, written and removed
 * for node.ts. The pages this process wrote last for a node are held while the stored manifest is, byte for byte,
 * the one written with them: a node changed again soon (the next department of the same government) is then patched
 * without reading its pages back. Whoever else writes the node (another instance of the builder, the rebuild) writes
 * another manifest (its own updatedAt), and the pages are read again. What is held is bounded (HELD_BYTES, least
 * recently used first out).
 */
import { ROOT_NODE, publishedPaths, type NodeManifest } from '../../contract/published';
import type { IndexPageOptions } from '../../report/render';
import { objectStore } from './objects';
import { CONTENT_TYPES, FORMATS, linesOf, pageKey, pageText, type PageLines } from './pageFiles';

/** Thrown when the stored files of a node do not agree with each other: the node is built again from its items. */
export class Inconsistent extends Error {}

const manifestKey = (year: number, node: string) => publishedPaths.manifest(year, node).slice(1);

export interface StoredManifest {
  readonly manifest: NodeManifest;
  /** As stored: what held pages are checked against. */
  readonly text: string;
}

export async function readManifest(year: number, node: string): Promise<StoredManifest | undefined> {
  const body = await objectStore().get(manifestKey(year, node));
  if (!body) return undefined;
  const text = body.toString('utf8');
  try {
    return { manifest: JSON.parse(text) as NodeManifest, text };
  } catch {
    return undefined;
  }
}

/** Writes a node's manifest; returns it as stored. */
export async function writeManifest(m: NodeManifest): Promise<string> {
  const text = JSON.stringify(m);
  await objectStore().put(manifestKey(m.year, m.node.id), text, { contentType: 'application/json; charset=utf-8' });
  return text;
}

export async function readPage(year: number, node: string, page: number): Promise<PageLines> {
  const texts = await Promise.all(FORMATS.map((f) => objectStore().get(pageKey(f, year, node, page))));
  if (texts.some((t) => t === undefined)) throw new Inconsistent(`${node} page ${page}: a file is missing`);
  const [html, csv, jsonl] = texts as [Buffer, Buffer, Buffer];
  const lines: PageLines = { html: linesOf('html', html), csv: linesOf('csv', csv), jsonl: linesOf('jsonl', jsonl) };
  if (lines.csv.length !== lines.html.length || lines.jsonl.length !== lines.html.length)
    throw new Inconsistent(`${node} page ${page}: its files list different reports`);
  return lines;
}

/** What the first page shows beyond its rows, and the links of every page (root-relative: any host serves them). */
function htmlOptions(m: NodeManifest, page: number): IndexPageOptions {
  const { year } = m;
  const up = m.node.id === ROOT_NODE ? [] : [{ id: ROOT_NODE, name: '全部' }, ...m.path];
  return {
    ...(m.node.id === ROOT_NODE ? {} : { node: m.node.name }),
    path: up.map((a) => ({ name: a.name, url: publishedPaths.index(year, a.id) })),
    children: m.children.map((c) => ({ name: c.name, url: publishedPaths.index(year, c.id), reports: c.reports })),
    own: m.own,
    reports: m.reports,
    page,
    pages: m.pages.map((p) => publishedPaths.index(year, m.node.id, p.page)),
    jsonUrl: publishedPaths.manifest(year, m.node.id),
    csvUrl: publishedPaths.csv(year, m.node.id, page),
    jsonlUrl: publishedPaths.jsonl(year, m.node.id, page),
  };
}

export async function writePage(m: NodeManifest, page: number, lines: PageLines, formats = FORMATS): Promise<void> {
  await Promise.all(
    formats.map((f) =>
      objectStore().put(pageKey(f, m.year, m.node.id, page), pageText(f, m.year, lines, htmlOptions(m, page)), {
        contentType: CONTENT_TYPES[f],
      }),
    ),
  );
}

/** A node with nothing published in its subtree has no files (its parent no longer lists it). */
export async function removeNode(before: NodeManifest | undefined): Promise<void> {
  if (!before) return;
  forgetPages(before.year, before.node.id);
  await Promise.all(
    before.pages.flatMap((p) =>
      FORMATS.map((f) => objectStore().delete(pageKey(f, before.year, before.node.id, p.page))),
    ),
  );
  await objectStore().delete(manifestKey(before.year, before.node.id));
}

/** Removes the pages a node had beyond its last one. */
export async function removePages(m: NodeManifest, before: NodeManifest | undefined): Promise<void> {
  const gone = (before?.pages ?? []).filter((p) => p.page > m.pages.length);
  await Promise.all(
    gone.flatMap((p) => FORMATS.map((f) => objectStore().delete(pageKey(f, m.year, m.node.id, p.page)))),
  );
}

/** The most bytes of page lines held for all nodes together. */
export const HELD_BYTES = 32 * 2 ** 20;

interface Held {
  readonly manifest: string;
  /** By page index (0 for page 1). */
  readonly pages: ReadonlyMap<number, PageLines>;
  readonly bytes: number;
}

const held = new Map<string, Held>();
let heldBytes = 0;
const heldKey = (year: number, node: string) => `${year}/${node}`;

const bytesOf = (p: PageLines) =>
  p.html.reduce((n, l) => n + 2 * l.length, 0) +
  p.csv.reduce((n, l) => n + l.length, 0) +
  p.jsonl.reduce((n, l) => n + l.length, 0);

export function forgetPages(year: number, node: string): void {
  const key = heldKey(year, node);
  const h = held.get(key);
  if (!h) return;
  held.delete(key);
  heldBytes -= h.bytes;
}

/**
 * The pages held for a node, when `manifest` (as stored now) is the one written with them; they are handed over
 * (no longer held: the caller changes them, and holds them again once its own manifest is written).
 */
export function takePages(year: number, node: string, manifest: string): Map<number, PageLines> {
  const h = held.get(heldKey(year, node));
  forgetPages(year, node);
  return h && h.manifest === manifest ? new Map(h.pages) : new Map();
}

/** Holds the pages just written for a node beside its manifest as written (the last used are kept). */
export function holdPages(year: number, node: string, manifest: string, pages: ReadonlyMap<number, PageLines>): void {
  forgetPages(year, node);
  const bytes = [...pages.values()].reduce((n, p) => n + bytesOf(p), 0);
  if (bytes > HELD_BYTES / 4) return;
  held.set(heldKey(year, node), { manifest, pages, bytes });
  heldBytes += bytes;
  for (const [key, h] of held) {
    if (heldBytes <= HELD_BYTES) break;
    held.delete(key);
    heldBytes -= h.bytes;
  }
}
