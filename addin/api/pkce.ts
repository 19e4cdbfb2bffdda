/**
 * OAuth 2.0 authorization code flow with PKCE against the Cognito hosted UI (public client, no secret): the pane
 * keeps the verifier, the dialog only carries the code back, and the pane exchanges it for tokens.
 */
import type { CognitoSignIn } from '../../contract/addin';

function base64Url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function randomToken(bytes = 32): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

export interface PkcePair {
  readonly verifier: string;
  readonly challenge: string;
}

/** RFC 7636: a random verifier and its S256 challenge. */
export async function pkcePair(): Promise<PkcePair> {
  const verifier = randomToken(48);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return { verifier, challenge: base64Url(new Uint8Array(digest)) };
}

/** `lang` picks the managed login pages' language (zh-CN or en). */
export function authorizeUrl(c: CognitoSignIn, state: string, challenge: string, lang?: 'zh-CN' | 'en'): string {
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: c.clientId,
    redirect_uri: c.redirectUri,
    scope: c.scopes.join(' ') || 'openid',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...(lang ? { lang } : {}),
  });
  return `${c.domain.replace(/\/+$/, '')}/oauth2/authorize?${q}`;
}

/** The message the callback page sends to the pane. */
export interface CallbackMessage {
  readonly code?: string;
  readonly state?: string;
  readonly error?: string;
}

export function parseCallbackMessage(message: string): CallbackMessage {
  try {
    const m = JSON.parse(message) as CallbackMessage;
    return typeof m === 'object' && m !== null ? m : {};
  } catch {
    return {};
  }
}

export interface TokenSet {
  readonly idToken: string;
  readonly expiresIn: number;
}

/** Exchanges the code for tokens at the hosted UI's token endpoint. */
export async function exchangeCode(
  c: CognitoSignIn,
  code: string,
  verifier: string,
  fetchImpl: typeof fetch = fetch,
): Promise<TokenSet> {
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: c.clientId,
    code,
    redirect_uri: c.redirectUri,
    code_verifier: verifier,
  });
  const res = await fetchImpl(`${c.domain.replace(/\/+$/, '')}/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body,
  });
  if (!res.ok) throw new Error(`token endpoint answered ${res.status}`);
  const json = (await res.json()) as { id_token?: string; expires_in?: number };
  if (!json.id_token) throw new Error('token endpoint gave no id_token');
  return { idToken: json.id_token, expiresIn: json.expires_in ?? 3600 };
}
