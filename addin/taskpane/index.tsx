/**
 * The task pane's entry: waits for Office, reads config.json, starts the controller and renders the pane. Whatever
 * goes wrong on the way is shown in the pane.
 */
import { FluentProvider, MessageBar, MessageBarBody, webLightTheme } from '@fluentui/react-components';
import { createRoot, type Root } from 'react-dom/client';
import { ADDIN_FILES, parseConfig } from '../../contract/addin';
import { excelRun, excelRunWith } from '../office/run';
import { App } from './App';
import { PaneController } from './controller';
import { errorDetail } from './paneDeps';
import { langOf, t, type Lang, type StringKey } from './i18n';
import { SubmitFlow } from './submission';

function fatal(root: Root, lang: Lang, key: StringKey, detail = ''): void {
  root.render(
    <FluentProvider theme={webLightTheme} style={{ padding: 16, minHeight: '100vh' }}>
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody>{t(lang, key, { detail })}</MessageBarBody>
      </MessageBar>
    </FluentProvider>,
  );
}

async function loadTemplate(): Promise<string> {
  const res = await fetch(ADDIN_FILES.template);
  if (!res.ok) throw new Error(`${ADDIN_FILES.template}: ${res.status}`);
  return (await res.text()).trim();
}

async function boot(): Promise<void> {
  const root = createRoot(document.getElementById('root')!);
  if (typeof Office === 'undefined') {
    fatal(root, langOf(navigator.language), 'notInExcel');
    return;
  }
  const info = await Office.onReady();
  const lang = langOf(Office.context?.displayLanguage ?? navigator.language);
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  if (info.host !== Office.HostType.Excel) {
    fatal(root, lang, 'notInExcel');
    return;
  }
  let config;
  try {
    const res = await fetch(ADDIN_FILES.config, { cache: 'no-store' });
    config = parseConfig(await res.json());
  } catch (e) {
    fatal(root, lang, 'configError', errorDetail(e));
    return;
  }
  const pane = new PaneController({
    run: excelRun,
    runWith: excelRunWith,
    document: Office.context.document,
    settings: Office.context.document.settings,
    ui: Office.context.ui,
    config,
    origin: window.location.origin,
    loadTemplate,
    canInsert: Office.context.requirements.isSetSupported('ExcelApi', '1.13'),
    storage: window.sessionStorage,
    lang,
  });
  const submission = new SubmitFlow(pane);
  root.render(<App value={{ pane, submission, lang }} />);
  // The event handlers are removed when the pane goes away.
  window.addEventListener('pagehide', () => void pane.dispose(), { once: true });
  try {
    await pane.start();
  } catch (e) {
    pane.notify('error', { key: 'officeError', vars: { detail: errorDetail(e) } });
  }
}

void boot();
