/**
 * The add-in's runtime settings: written by buildAddin as config.json next to taskpane.html and read by the task
 * pane at start. One source for the URLs the pane talks to; the manifest derives its own from the same base URL.
 */
import { API_BASE } from './routes';

/** Where the local stack serves the add-in and its API (`npm start`). */
export const LOCAL_BASE_URL = 'https://localhost:3000';

/** Cognito hosted UI settings for a deployed stage (authorization code flow with PKCE, public client). */
export interface CognitoSignIn {
  /** The hosted UI's origin, e.g. https://nianbao-prod.auth.cn-northwest-1.amazoncognito.com */
  readonly domain: string;
  readonly clientId: string;
  /** The callback page registered with the app client: `${baseUrl}/signin-callback.html`. */
  readonly redirectUri: string;
  readonly scopes: readonly string[];
}

export type SignInConfig = { readonly mode: 'dev' } | ({ readonly mode: 'cognito' } & CognitoSignIn);

export interface AddinConfig {
  /** The API's absolute base URL, e.g. https://localhost:3000/api */
  readonly apiBase: string;
  readonly signIn: SignInConfig;
  /** The importer's script (hashed file name, beside taskpane.html): loaded when last year's report is read from a file. */
  readonly importer?: string;
}

/** Files of the built add-in, relative to its root (dist/addin/). The manifest and the build both use these. */
export const ADDIN_FILES = {
  taskpane: 'taskpane.html',
  commands: 'commands.html',
  signIn: 'signin.html',
  signInCallback: 'signin-callback.html',
  config: 'config.json',
  help: 'help.html',
  template: 'assets/template-2021.xlsx.b64',
  icon: (size: number) => `assets/icon-${size}.png`,
} as const;

/** Icon sizes: 16/32/80 for the ribbon, 32 and 64 for the add-in's own icon, 128 for stores and dialogs. */
export const ICON_SIZES = [16, 32, 64, 80, 128] as const;

export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/** The API's URL for a base URL. */
export function apiBaseFor(baseUrl: string): string {
  return joinUrl(baseUrl, API_BASE);
}

/** Checks config.json as read by the pane: a clear error instead of undefined behaviour later. */
export function parseConfig(raw: unknown): AddinConfig {
  const c = raw as Partial<AddinConfig> | null;
  if (!c || typeof c.apiBase !== 'string' || !c.signIn || (c.signIn.mode !== 'dev' && c.signIn.mode !== 'cognito')) {
    throw new Error('config.json: apiBase and signIn.mode (dev | cognito) are required');
  }
  if (c.signIn.mode === 'cognito') {
    const s = c.signIn as CognitoSignIn;
    if (!s.domain || !s.clientId || !s.redirectUri)
      throw new Error('config.json: cognito sign-in needs domain, clientId and redirectUri');
  }
  return c as AddinConfig;
}
