/**
 * Signing in. Deployed: the Cognito hosted UI in an Office dialog (code flow with PKCE; the state and the sender's
 * origin are checked). Local stack: the dev sign-in, which issues a token for the agency typed in the pane.
 */
import { ADDIN_FILES, joinUrl, type CognitoSignIn } from '../../contract/addin';
import { DialogHost, dialogMessage } from '../office/dialog';
import type { ApiClient } from './client';
import { exchangeCode, parseCallbackMessage, pkcePair, randomToken } from './pkce';
import { sessionFromToken, type Session } from './session';

export class SignInError extends Error {
  constructor(
    readonly reason: 'state' | 'denied' | 'no-code',
    detail?: string,
  ) {
    super(`sign-in failed: ${reason}${detail ? ` (${detail})` : ''}`);
  }
}

export interface CognitoDeps {
  readonly ui: DialogHost;
  /** The pane's own origin (the dialog's pages are served from it). */
  readonly origin: string;
  readonly fetch?: typeof fetch;
  /** The pane's language, passed on to the hosted sign-in pages. */
  readonly lang?: 'zh' | 'en';
}

/** The dialog's start page: it redirects to the hosted UI with these parameters (it never sees the verifier). */
export function signInStartUrl(origin: string, state: string, challenge: string, lang: 'zh' | 'en' = 'zh'): string {
  return `${joinUrl(origin, ADDIN_FILES.signIn)}?${new URLSearchParams({ state, challenge, lang })}`;
}

export async function signInWithCognito(c: CognitoSignIn, deps: CognitoDeps): Promise<Session> {
  const { verifier, challenge } = await pkcePair();
  const state = randomToken(24);
  const message = parseCallbackMessage(
    await dialogMessage(deps.ui, signInStartUrl(deps.origin, state, challenge, deps.lang), deps.origin),
  );
  if (message.state !== state) throw new SignInError('state');
  if (message.error) throw new SignInError('denied', message.error);
  if (!message.code) throw new SignInError('no-code');
  const tokens = await exchangeCode(c, message.code, verifier, deps.fetch);
  return sessionFromToken(tokens.idToken);
}

export async function signInDev(api: ApiClient, agency: string, agencyName: string): Promise<Session> {
  return sessionFromToken(await api.devToken(agency.trim(), agencyName.trim()));
}
