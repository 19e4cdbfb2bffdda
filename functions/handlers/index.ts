/**
 * Every route's handler module, by the name the route table gives it (contract/routes.ts). Each is its own Lambda
 * function on AWS (infra bundles functions/handlers/<name>.ts); the dev stack loads them from here, lazily, so a
 * request loads only what its route needs, as a cold start would.
 */
import type { ApiHandler } from '../http/api';

type HandlerModule = { handler?: ApiHandler; default?: { handler?: ApiHandler } };

export const HANDLER_MODULES: Readonly<Record<string, () => Promise<HandlerModule>>> = {
  submitReport: () => import('./submitReport'),
  listReports: () => import('./listReports'),
  getReport: () => import('./getReport'),
  listVersions: () => import('./listVersions'),
  getVersion: () => import('./getVersion'),
  getOriginal: () => import('./getOriginal'),
  publishVersion: () => import('./publishVersion'),
  withdrawReport: () => import('./withdrawReport'),
  agencyImport: () => import('./agencyImport'),
  agencyRead: () => import('./agencyRead'),
  reviewAction: () => import('./reviewAction'),
  reviewDesk: () => import('./reviewDesk'),
  consolidatedReport: () => import('./consolidatedReport'),
};

const loaded = new Map<string, Promise<ApiHandler>>();

/** The handler of a route, loaded once. */
export function loadHandler(name: string): Promise<ApiHandler> {
  let hit = loaded.get(name);
  if (!hit) {
    const load = HANDLER_MODULES[name];
    if (!load) throw new Error(`no handler module named ${name} in functions/handlers/index.ts`);
    // Under tsx a dynamic import of a CommonJS module may come wrapped in `default`.
    hit = load().then((m) => {
      const h = m.handler ?? m.default?.handler;
      if (!h) throw new Error(`functions/handlers/${name}.ts exports no handler`);
      return h;
    });
    loaded.set(name, hit);
  }
  return hit;
}
