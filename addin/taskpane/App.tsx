/** The task pane: header, messages, and three tabs (校验 / 正文 / 报送). */
import {
  CounterBadge,
  FluentProvider,
  makeStyles,
  Spinner,
  Tab,
  TabList,
  tokens,
  webLightTheme,
} from '@fluentui/react-components';
import { useState } from 'react';
import { countBySeverity } from '../logic/findings';
import { PaneContext, usePaneState, useTr, type PaneContextValue } from './context';
import { ChecksTab } from './components/ChecksTab';
import { Header } from './components/Header';
import { Notices } from './components/Notices';
import { ProseTab } from './components/ProseTab';
import { SignInCard } from './components/SignInCard';
import { SubmitTab } from './components/SubmitTab';
import { TemplateCard } from './components/TemplateCard';

const useStyles = makeStyles({
  provider: { height: '100%', backgroundColor: tokens.colorNeutralBackground2 },
  root: {
    display: 'flex',
    flexDirection: 'column',
    minHeight: '100vh',
    backgroundColor: tokens.colorNeutralBackground2,
  },
  tabs: {
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS} 0`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  main: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    flexGrow: 1,
  },
  loading: { padding: tokens.spacingVerticalXXL },
  badge: { marginLeft: tokens.spacingHorizontalXS, verticalAlign: 'text-top' },
});

type TabId = 'check' | 'prose' | 'submit';

/** Fluent's light theme, with the Chinese system fonts named (YaHei on Windows, PingFang on the Mac). */
const THEME = {
  ...webLightTheme,
  fontFamilyBase: `'Segoe UI', 'Microsoft YaHei UI', 'Microsoft YaHei', 'PingFang SC', -apple-system, BlinkMacSystemFont, 'Noto Sans CJK SC', 'Helvetica Neue', sans-serif`,
};

function Pane() {
  const s = useStyles();
  const state = usePaneState();
  const { tr } = useTr();
  const [tab, setTab] = useState<TabId>('check');
  const counts = countBySeverity(state.findings);
  const present = state.template === 'present';
  return (
    <div className={s.root}>
      <Header />
      {present && (
        <TabList className={s.tabs} selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as TabId)} size="medium">
          <Tab value="check">
            {tr('tabCheck')}
            {counts.error + counts.warning > 0 && (
              <CounterBadge
                className={s.badge}
                count={counts.error + counts.warning}
                size="small"
                color={counts.error > 0 ? 'danger' : 'informative'}
              />
            )}
          </Tab>
          <Tab value="prose">{tr('tabProse')}</Tab>
          <Tab value="submit">{tr('tabSubmit')}</Tab>
        </TabList>
      )}
      <Notices />
      <main className={s.main}>
        {state.template === 'checking' ? (
          <Spinner className={s.loading} label={tr('checking')} />
        ) : !present ? (
          <>
            <TemplateCard />
            {!state.session && <SignInCard />}
          </>
        ) : tab === 'check' ? (
          <ChecksTab />
        ) : tab === 'prose' ? (
          <ProseTab />
        ) : (
          <SubmitTab />
        )}
      </main>
    </div>
  );
}

export function App({ value }: { value: PaneContextValue }) {
  const s = useStyles();
  return (
    <FluentProvider theme={THEME} className={s.provider} lang={value.lang === 'zh' ? 'zh-CN' : 'en'}>
      <PaneContext.Provider value={value}>
        <Pane />
      </PaneContext.Provider>
    </FluentProvider>
  );
}
