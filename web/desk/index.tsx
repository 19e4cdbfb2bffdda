/**
 * The reviewer desk's entry: config and session, then the desk (#/?year=&office=) or a report's detail
 * (#/report/<agency>?year=) in the page's frame. The location's hash keeps the view, so reload and back work.
 */
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { parseConfig } from '../../contract/addin';
import { WEB_FILES } from '../../contract/web';
import { loadWebSession } from '../common/auth';
import { pageLang } from '../common/i18n';
import { Shell, type PageContext } from '../common/Shell';
import { DeskPage, type DeskQuery } from './DeskPage';
import { ReportDetail } from './ReportDetail';

interface View {
  readonly query: DeskQuery | null;
  readonly agency?: string;
}

function viewOf(hash: string): View {
  const [path = '', search = ''] = hash.replace(/^#/, '').split('?');
  const q = new URLSearchParams(search);
  const year = Number(q.get('year'));
  const office = q.get('office') ?? '';
  const query = year && office ? { year, office } : null;
  const m = /^\/report\/([a-z0-9-]+)$/.exec(path);
  return { query, ...(m ? { agency: m[1]! } : {}) };
}

function hashOf(v: View): string {
  const q = v.query ? `?year=${v.query.year}&office=${encodeURIComponent(v.query.office)}` : '';
  return `#/${v.agency ? `report/${v.agency}` : ''}${q}`;
}

function Desk({ ctx }: { ctx: PageContext }) {
  const [view, setView] = useState<View>(() => viewOf(location.hash));
  useEffect(() => {
    const onHash = () => setView(viewOf(location.hash));
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  const go = (v: View) => {
    location.hash = hashOf(v);
    setView(v);
  };
  if (view.agency && view.query)
    return (
      <ReportDetail ctx={ctx} agency={view.agency} year={view.query.year} onBack={() => go({ query: view.query })} />
    );
  return (
    <DeskPage
      ctx={ctx}
      query={view.query}
      onQuery={(query) => go({ query })}
      onOpen={(agency) => go({ query: view.query, agency })}
    />
  );
}

async function main(): Promise<void> {
  const config = parseConfig(await (await fetch(WEB_FILES.config, { cache: 'no-store' })).json());
  const lang = pageLang();
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  createRoot(document.getElementById('root')!).render(
    <Shell lang={lang} config={config} title="deskTitle" initial={loadWebSession()} reviewer>
      {(ctx) => <Desk ctx={ctx} />}
    </Shell>,
  );
}

main().catch((e: unknown) => {
  document.getElementById('root')!.textContent = `无法加载页面 / Cannot load the page: ${(e as Error).message}`;
});
