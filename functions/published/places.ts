/**
 * Where a report sits in the published tree, from the agency registry (functions/store/registry.ts): a government is
 * a node, listing its own report and its departments' (a department sits under the government it belongs to); a
 * node's parent is the government above it, the top of the tree above the provinces. An agency the registry does not
 * know is listed under the top. Records are remembered for a while: the registry changes rarely, and a change of
 * place is carried through by the rebuild (`rebuild-published`).
 */
import { ROOT_NODE } from '../../contract/published';
import type { AgencyRecord } from '../../contract/registry';
import { agencyRecords } from '../store';

export interface NodeInfo {
  readonly id: string;
  readonly name: string;
  /** The node above; undefined for the top. */
  readonly parent?: string;
  /** Ancestors, top first, without the top of the tree. */
  readonly path: readonly { readonly id: string; readonly name: string }[];
}

export interface Place {
  readonly node: string;
  /** The registered name, when the registry has one. */
  readonly name?: string;
}

/** How the builder learns the tree (the registry; tests may set their own). */
export interface PlaceResolver {
  placeOf(agency: string): Promise<Place>;
  nodeInfo(node: string): Promise<NodeInfo>;
  /** Reads what these agencies' places need in one go (a batch of reports; the rebuild). */
  prefetch?(agencies: readonly string[]): Promise<void>;
}

export const ROOT_INFO: NodeInfo = { id: ROOT_NODE, name: '全部', path: [] };

const unknownNode = (node: string): NodeInfo => ({ id: node, name: node, parent: ROOT_NODE, path: [] });

/** No registry: every report is listed under the top of the tree. */
export const FLAT_PLACES: PlaceResolver = {
  placeOf: async () => ({ node: ROOT_NODE }),
  nodeInfo: async (node) => (node === ROOT_NODE ? ROOT_INFO : unknownNode(node)),
};

/** How long a registry record is used before it is read again. */
const RECORD_TTL_MS = 5 * 60_000;

/** The tree of the agency registry. */
export function registryPlaces(now = () => Date.now()): PlaceResolver {
  const cache = new Map<string, { record: AgencyRecord | undefined; until: number }>();
  const fresh = (id: string) => {
    const hit = cache.get(id);
    return hit && hit.until > now() ? hit : undefined;
  };
  // Reads on their way, by agency: a place asked for while its batch is out waits for that read, not a second one.
  const reading = new Map<string, Promise<void>>();
  const load = async (ids: readonly string[]) => {
    const wanted = [...new Set(ids)].filter((id) => !fresh(id));
    const waits = [...new Set(wanted.flatMap((id) => reading.get(id) ?? []))];
    const missing = wanted.filter((id) => !reading.has(id));
    if (missing.length) {
      const done = agencyRecords(missing)
        .then((found) => {
          for (const id of missing) cache.set(id, { record: found.get(id), until: now() + RECORD_TTL_MS });
        })
        .finally(() => {
          for (const id of missing) if (reading.get(id) === done) reading.delete(id);
        });
      for (const id of missing) reading.set(id, done);
      waits.push(done);
    }
    await Promise.all(waits);
  };
  const record = async (id: string) => {
    await load([id]);
    return fresh(id)!.record;
  };
  return {
    async placeOf(agency) {
      const r = await record(agency);
      if (!r) return { node: ROOT_NODE };
      return { node: r.kind === '政府' ? r.agency : (r.parent ?? ROOT_NODE), name: r.name };
    },
    async nodeInfo(node) {
      if (node === ROOT_NODE) return ROOT_INFO;
      const r = await record(node);
      if (!r) return unknownNode(node);
      await load(r.path);
      return {
        id: node,
        name: r.name,
        parent: r.parent ?? ROOT_NODE,
        path: r.path.map((id) => ({ id, name: fresh(id)?.record?.name ?? id })),
      };
    },
    prefetch: load,
  };
}

let resolver: PlaceResolver | undefined;

/** Sets the resolver (tests); undefined returns to the registry's. */
export function configurePlaces(r: PlaceResolver | undefined): void {
  resolver = r;
}

const current = () => (resolver ??= registryPlaces());

export const placeOf = (agency: string): Promise<Place> => current().placeOf(agency);
export const nodeInfo = (node: string): Promise<NodeInfo> => current().nodeInfo(node);
export const prefetchPlaces = async (agencies: readonly string[]): Promise<void> => current().prefetch?.(agencies);
