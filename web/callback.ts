/** callback.html: where the Cognito hosted UI sends the browser back after a sign-in from a web page. */
import { parseConfig } from '../contract/addin';
import { WEB_FILES } from '../contract/web';
import { finishCognitoSignIn } from './common/auth';

async function main(): Promise<void> {
  const config = parseConfig(await (await fetch(WEB_FILES.config, { cache: 'no-store' })).json());
  location.replace(await finishCognitoSignIn(config));
}

main().catch((e: unknown) => {
  const p = document.getElementById('root');
  if (p) p.textContent = `登录未完成 / Sign-in failed: ${(e as Error).message}`;
});
