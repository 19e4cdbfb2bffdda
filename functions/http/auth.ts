/**
 * Who is asking, from the verified JWT claims at requestContext.authorizer.jwt.claims (put there by API Gateway's
 * JWT authorizer on AWS, by the local adapter locally), and what they may touch. The authorizer proves the token;
 * the handlers still enforce the scope: an agency sees and writes only its own reports, admins everything.
 */
import type { Submitter } from '../store/versions';
import { ADMIN_GROUP, CLAIMS } from '../../contract/auth';
import { AGENCY_ID } from '../../contract/limits';
import type { ApiEvent } from './api';
import { HttpError } from './errors';

export interface Principal {
  readonly sub: string;
  readonly username?: string;
  /** The agency id (an ASCII slug), when the token names a valid one. */
  readonly agency?: string;
  /** 行政机关名称, when the token carries it. */
  readonly agencyName?: string;
  /** A reviewer: the office (a government's id) whose agencies' reports it reviews. */
  readonly office?: string;
  readonly admin: boolean;
}

/**
 * Group lists arrive as a JSON array (direct invocation), or, from API Gateway's JWT authorizer, as one string
 * "[admins staff]" (space-separated in brackets); a comma-separated string is accepted too.
 */
export function groupsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  const s = value.trim();
  if (s.startsWith('[') && s.endsWith(']')) {
    try {
      const parsed: unknown = JSON.parse(s);
      if (Array.isArray(parsed)) return parsed.map(String);
    } catch {
      // not JSON: API Gateway's "[a b]" form
    }
    return s
      .slice(1, -1)
      .split(/[\s,]+/)
      .filter(Boolean);
  }
  return s.split(/[\s,]+/).filter(Boolean);
}

export function principalOf(event: ApiEvent): Principal | undefined {
  const claims = event.requestContext.authorizer?.jwt?.claims;
  if (!claims || typeof claims.sub !== 'string' || !claims.sub) return undefined;
  const agency = claims[CLAIMS.agency];
  const agencyName = claims[CLAIMS.agencyName];
  const office = claims[CLAIMS.office];
  const username = claims[CLAIMS.username] ?? claims.email;
  return {
    sub: claims.sub,
    ...(typeof username === 'string' && username ? { username } : {}),
    ...(typeof agency === 'string' && AGENCY_ID.test(agency) ? { agency } : {}),
    ...(typeof agencyName === 'string' && agencyName.trim() ? { agencyName: agencyName.trim() } : {}),
    ...(typeof office === 'string' && AGENCY_ID.test(office) ? { office } : {}),
    admin: groupsOf(claims[CLAIMS.groups]).includes(ADMIN_GROUP),
  };
}

export function requirePrincipal(event: ApiEvent): Principal {
  const p = principalOf(event);
  if (!p) throw new HttpError('E-AUTH-MISSING');
  return p;
}

export function requireAdmin(event: ApiEvent): Principal {
  const p = requirePrincipal(event);
  if (!p.admin) throw new HttpError('E-AUTH-ADMIN');
  return p;
}

/** Admins may act on any agency; anyone else only on the agency their token names. */
export function requireAccess(p: Principal, agency: string): void {
  if (p.admin) return;
  if (!p.agency) throw new HttpError('E-AUTH-AGENCY');
  if (p.agency !== agency) throw new HttpError('E-AUTH-SCOPE', { zh: agency, en: agency });
}

export function submitterOf(p: Principal): Submitter {
  return {
    sub: p.sub,
    ...(p.username ? { username: p.username } : {}),
    ...(p.agency ? { agency: p.agency } : {}),
    ...(p.office ? { office: p.office } : {}),
    admin: p.admin,
  };
}
