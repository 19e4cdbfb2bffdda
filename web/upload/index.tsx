/** The upload page's entry: config, session, then the page in its frame. */
import { createRoot } from 'react-dom/client';
import { parseConfig } from '../../contract/addin';
import { WEB_FILES } from '../../contract/web';
import { loadWebSession } from '../common/auth';
import { pageLang } from '../common/i18n';
import { Shell } from '../common/Shell';
import { TemplateCard } from './TemplateCard';
import { UploadPage } from './UploadPage';

async function main(): Promise<void> {
  const config = parseConfig(await (await fetch(WEB_FILES.config, { cache: 'no-store' })).json());
  const lang = pageLang();
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  createRoot(document.getElementById('root')!).render(
    <Shell
      lang={lang}
      config={config}
      title="uploadTitle"
      initial={loadWebSession()}
      aside={<TemplateCard lang={lang} />}
    >
      {(ctx) => <UploadPage ctx={ctx} />}
    </Shell>,
  );
}

main().catch((e: unknown) => {
  document.getElementById('root')!.textContent = `无法加载页面 / Cannot load the page: ${(e as Error).message}`;
});
