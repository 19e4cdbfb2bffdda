/**
 * The HTTP API, as data: the local adapter and the CDK app both build their routes from this table, so a route
 * exists in one place. Paths are relative to API_BASE. `handler` names the module functions/handlers/<handler>.ts,
 * which exports `handler` (API Gateway HTTP API, payload format 2.0).
 */
export const API_BASE = '/api';

/**
 * public: no token. agency: a valid token; the handler checks the agency scope (a clerk's own agency, a reviewer's
 * office's agencies, any for admins). reviewer: a reviewer's token (custom:office) or an admin's; the handler checks
 * the office. admin: a token in the admins group.
 */
export type RouteAuth = 'public' | 'agency' | 'reviewer' | 'admin';

export interface RouteDef {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly handler: string;
  readonly auth: RouteAuth;
}

export const ROUTES: readonly RouteDef[] = [
  { method: 'POST', path: '/reports', handler: 'submitReport', auth: 'agency' },
  { method: 'GET', path: '/reports', handler: 'listReports', auth: 'agency' },
  { method: 'GET', path: '/reports/{agency}/{year}', handler: 'getReport', auth: 'agency' },
  { method: 'GET', path: '/reports/{agency}/{year}/versions', handler: 'listVersions', auth: 'agency' },
  { method: 'GET', path: '/reports/{agency}/{year}/versions/{version}', handler: 'getVersion', auth: 'agency' },
  {
    method: 'GET',
    path: '/reports/{agency}/{year}/versions/{version}/original',
    handler: 'getOriginal',
    auth: 'agency',
  },
  {
    method: 'POST',
    path: '/reports/{agency}/{year}/versions/{version}/publish',
    handler: 'publishVersion',
    auth: 'admin',
  },
  { method: 'POST', path: '/reports/{agency}/{year}/withdraw', handler: 'withdrawReport', auth: 'admin' },
  { method: 'POST', path: '/reports/{agency}/{year}/return', handler: 'reviewAction', auth: 'reviewer' },
  { method: 'POST', path: '/reports/{agency}/{year}/accept', handler: 'reviewAction', auth: 'reviewer' },
  { method: 'POST', path: '/reports/{agency}/{year}/nothing-to-report', handler: 'reviewAction', auth: 'agency' },
  { method: 'GET', path: '/review/{year}', handler: 'reviewDesk', auth: 'reviewer' },
  { method: 'POST', path: '/review/{year}/reminders', handler: 'reviewDesk', auth: 'reviewer' },
  { method: 'GET', path: '/review/{year}/consolidated', handler: 'consolidatedReport', auth: 'reviewer' },
  { method: 'POST', path: '/agencies', handler: 'agencyImport', auth: 'admin' },
  { method: 'GET', path: '/agencies', handler: 'agencyRead', auth: 'reviewer' },
  { method: 'GET', path: '/agencies/{agency}', handler: 'agencyRead', auth: 'agency' },
];

/**
 * Served by the local stack only, never deployed: the add-in's development sign-in asks it for a token signed with
 * the local dev key (dev/devAuth.ts). Not a Lambda handler.
 */
export const LOCAL_ROUTES = {
  devToken: { method: 'POST', path: '/dev/token' },
} as const;
