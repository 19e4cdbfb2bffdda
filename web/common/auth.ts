/**
 * Signing in on the web pages: the local stack's dev sign-in (a token for the agency, office or admin typed in), or
 * Cognito's hosted UI (authorization code with PKCE, as the add-in: addin/api/pkce.ts) by a full-page redirect to
 * callback.html and back. The token lives in the tab's sessionStorage; claims are read, never trusted (the API
 * verifies).
 */
import type { AddinConfig, CognitoSignIn } from '../../contract/addin';
import { WEB_FILES } from '../../contract/web';
import { authorizeUrl, exchangeCode, pkcePair, randomToken } from '../../addin/api/pkce';
import { isExpired, sessionFromToken, type Session } from '../../addin/api/session';
import { ApiError } from './api';

const TOKEN_KEY = 'nianbao.web.token';
const PENDING_KEY = 'nianbao.web.signin';

export type { Session };

export interface WebSession extends Session {
  /** custom:office — a reviewer's office. */
  readonly office: string | null;
}

function claimsOf(token: string): Record<string, unknown> {
  const part = token.split('.')[1] ?? '';
  const json = decodeURIComponent(
    Array.from(
      atob(part.replace(/-/g, '+').replace(/_/g, '/')),
      (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
    ).join(''),
  );
  return JSON.parse(json) as Record<string, unknown>;
}

export function webSession(token: string): WebSession {
  const office = claimsOf(token)['custom:office'];
  return { ...sessionFromToken(token), office: typeof office === 'string' && office ? office : null };
}

export function loadWebSession(): WebSession | null {
  try {
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (!token) return null;
    const s = webSession(token);
    return isExpired(s) ? null : s;
  } catch {
    return null;
  }
}

export function saveWebSession(token: string | null): void {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

export interface DevIdentity {
  readonly agency?: string;
  readonly agencyName?: string;
  readonly office?: string;
  readonly admin?: boolean;
}

/** The local stack's dev sign-in (POST /api/dev/token). */
export async function devSignIn(apiBase: string, who: DevIdentity): Promise<WebSession> {
  const res = await fetch(`${apiBase.replace(/\/+$/, '')}/dev/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(who),
  });
  const body = (await res.json().catch(() => ({}))) as {
    token?: string;
    code?: string;
    message?: { zh: string; en: string };
  };
  if (!res.ok || !body.token)
    throw new ApiError(res.status, body.code ?? 'E-DEV-TOKEN', body.message ?? { zh: '未获得令牌', en: 'No token' });
  saveWebSession(body.token);
  return webSession(body.token);
}

/** The hosted UI's settings with this site's callback page. */
function webCognito(c: CognitoSignIn): CognitoSignIn {
  return { ...c, redirectUri: new URL(WEB_FILES.callback.split('/').pop()!, location.href).href };
}

/** Leaves for the hosted UI; callback.html comes back to `returnTo`. */
export async function startCognitoSignIn(config: AddinConfig, returnTo: string, lang: 'zh' | 'en'): Promise<void> {
  if (config.signIn.mode !== 'cognito') throw new Error('sign-in is not configured for Cognito');
  const { verifier, challenge } = await pkcePair();
  const state = randomToken(24);
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state, returnTo }));
  location.assign(authorizeUrl(webCognito(config.signIn), state, challenge, lang === 'en' ? 'en' : 'zh-CN'));
}

/** callback.html: exchanges the code (the state checked) and returns to the page that asked. */
export async function finishCognitoSignIn(config: AddinConfig): Promise<string> {
  if (config.signIn.mode !== 'cognito') throw new Error('sign-in is not configured for Cognito');
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null') as {
    verifier: string;
    state: string;
    returnTo: string;
  } | null;
  sessionStorage.removeItem(PENDING_KEY);
  const q = new URLSearchParams(location.search);
  if (!pending || q.get('state') !== pending.state) throw new Error('the sign-in state does not match');
  const code = q.get('code');
  if (!code) throw new Error(q.get('error') ?? 'no code');
  const tokens = await exchangeCode(webCognito(config.signIn), code, pending.verifier);
  saveWebSession(tokens.idToken);
  // Only back to a page of this site.
  const back = new URL(pending.returnTo, location.href);
  return back.origin === location.origin ? back.href : new URL(WEB_FILES.upload.split('/').pop()!, location.href).href;
}
