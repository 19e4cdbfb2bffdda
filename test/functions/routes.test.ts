/** The route table is the one source of routes: every entry has its handler module, and no two entries clash. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { matchRoute } from '../../dev/adapter';
import { HANDLER_MODULES, loadHandler } from '../../functions/handlers';
import { API_BASE, LOCAL_ROUTES, ROUTES } from '../../contract/routes';

test.each(ROUTES.map((r) => [`${r.method} ${r.path}`, r] as const))(
  '%s has functions/handlers/<handler>.ts exporting handler',
  async (_n, route) => {
    expect(existsSync(join(__dirname, '..', '..', 'functions', 'handlers', `${route.handler}.ts`))).toBe(true);
    expect(typeof (await loadHandler(route.handler))).toBe('function');
  },
);

test('the handler registry names exactly the routes’ handlers', () => {
  expect(Object.keys(HANDLER_MODULES).sort()).toEqual([...new Set(ROUTES.map((r) => r.handler))].sort());
});

test('no two routes share a method and path; each concrete path matches its own route', () => {
  const keys = ROUTES.map((r) => `${r.method} ${r.path}`);
  expect(new Set(keys).size).toBe(keys.length);
  for (const r of ROUTES) {
    const path =
      API_BASE + r.path.replace('{agency}', 'some-agency').replace('{year}', '2021').replace('{version}', '3');
    const m = matchRoute(r.method, path);
    expect(m.kind === 'route' && m.route).toBe(r);
  }
  expect(matchRoute('DELETE', `${API_BASE}/reports`).kind).toBe('method-not-allowed');
  expect(matchRoute('GET', `${API_BASE}/nothing`).kind).toBe('none');
  // The local-only dev token route is not a deployed route.
  expect(ROUTES.some((r) => r.path === LOCAL_ROUTES.devToken.path)).toBe(false);
});
