/**
 * The signed-in account: the ID token and what its claims say (agency id and name, groups). The pane reads the
 * claims only to fill 基本信息 and address the API; the server verifies the token.
 */

export interface Session {
  readonly token: string;
  /** custom:agency — the agency id used in API paths. */
  readonly agency: string | null;
  /** custom:agency_name — 行政机关名称, written into 基本信息. */
  readonly agencyName: string | null;
  readonly groups: readonly string[];
  /** Epoch ms; the pane asks for a new sign-in after this. */
  readonly expiresAt: number;
}

function base64UrlDecode(s: string): string {
  const b64 = s
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(s.length / 4) * 4, '=');
  // UTF-8 by percent-decoding the bytes: works wherever atob does (agency names are Chinese).
  return decodeURIComponent(Array.from(atob(b64), (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''));
}

function groupsOf(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'string')
    return v
      .replace(/^\[|\]$/g, '')
      .split(/[\s,]+/)
      .filter(Boolean);
  return [];
}

/** Reads a JWT's claims (no verification: that is the server's job). */
export function sessionFromToken(token: string, now = Date.now()): Session {
  const part = token.split('.')[1];
  if (!part) throw new Error('not a JWT');
  const claims = JSON.parse(base64UrlDecode(part)) as Record<string, unknown>;
  const str = (k: string) =>
    typeof claims[k] === 'string' && (claims[k] as string).trim() ? (claims[k] as string).trim() : null;
  const exp = typeof claims.exp === 'number' ? claims.exp * 1000 : now + 3600_000;
  return {
    token,
    agency: str('custom:agency'),
    agencyName: str('custom:agency_name'),
    groups: groupsOf(claims['cognito:groups']),
    expiresAt: exp,
  };
}

export function isExpired(s: Session, now = Date.now()): boolean {
  // A minute's margin: a token about to expire would fail mid-upload.
  return s.expiresAt - 60_000 <= now;
}

const KEY = 'nianbao.session';

/** Keeps the token for the life of the pane's browsing session (closing Excel forgets it). */
export function saveSession(storage: Storage | undefined, s: Session | null): void {
  try {
    if (!storage) return;
    if (s) storage.setItem(KEY, s.token);
    else storage.removeItem(KEY);
  } catch {
    // storage may be unavailable (private mode): the session then lasts as long as the pane
  }
}

export function loadSession(storage: Storage | undefined, now = Date.now()): Session | null {
  try {
    const token = storage?.getItem(KEY);
    if (!token) return null;
    const s = sessionFromToken(token, now);
    return isExpired(s, now) ? null : s;
  } catch {
    return null;
  }
}
