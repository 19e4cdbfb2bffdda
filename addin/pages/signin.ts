/**
 * The sign-in dialog's start page (same origin as the pane, as Office requires of a dialog's first page): sends
 * the browser on to the Cognito hosted UI. The authorize URL is built from config.json, never taken from the
 * query, so this page cannot be used to redirect anywhere else.
 */
import { authorizeUrl } from '../api/pkce';
import { ADDIN_FILES, parseConfig } from '../../contract/addin';

const TOKEN = /^[A-Za-z0-9_-]{16,128}$/;

async function start(): Promise<void> {
  const q = new URLSearchParams(window.location.search);
  const state = q.get('state') ?? '';
  const challenge = q.get('challenge') ?? '';
  if (!TOKEN.test(state) || !TOKEN.test(challenge)) throw new Error('bad sign-in request');
  const config = parseConfig(await (await fetch(ADDIN_FILES.config, { cache: 'no-store' })).json());
  if (config.signIn.mode !== 'cognito') throw new Error('sign-in is not configured for Cognito');
  window.location.replace(authorizeUrl(config.signIn, state, challenge, q.get('lang') === 'en' ? 'en' : 'zh-CN'));
}

start().catch((e: unknown) => {
  const p = document.getElementById('status');
  if (p) p.textContent = `无法打开登录页 / Cannot open the sign-in page: ${(e as Error).message}`;
});
