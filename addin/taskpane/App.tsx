/** The task pane: header, messages, and three tabs (校验 / 正文 / 报送). */
import {
  Badge,
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
  /** Read by screen readers, not shown. */
  hidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
});

type TabId = 'check' | 'prose' | 'submit';

/**
 * Fluent's light theme with the Chinese system fonts named (YaHei on Windows, PingFang on the Mac). In English the
 * Latin fonts come first: a CJK font draws ’ and “ full-width.
 */
const CJK_FONTS = `'Microsoft YaHei UI', 'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC'`;
const THEMES = {
  zh: {
    ...webLightTheme,
    fontFamilyBase: `'Segoe UI', ${CJK_FONTS}, -apple-system, BlinkMacSystemFont, 'Helvetica Neue', sans-serif`,
  },
  en: {
    ...webLightTheme,
    fontFamilyBase: `'Segoe UI', -apple-system, BlinkMacSystemFont, 'Helvetica Neue', Arial, 'Noto Sans', 'Liberation Sans', 'DejaVu Sans', ${CJK_FONTS}, sans-serif`,
  },
};

function Pane() {
  const s = useStyles();
  const state = usePaneState();
  const { tr } = useTr();
  const [tab, setTab] = useState<TabId>('check');
  const counts = countBySeverity(state.findings);
  // The tab's badge is the count of one tile: the errors, or when there are none the warnings, and says which.
  const badge = counts.error > 0 ? ('error' as const) : counts.warning > 0 ? ('warning' as const) : undefined;
  const badgeText = badge && tr(badge === 'error' ? 'errorCount' : 'warningCount', { n: counts[badge] });
  const present = state.template === 'present';
  return (
    <div className={s.root}>
      <Header />
      {present && (
        <TabList className={s.tabs} selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as TabId)} size="medium">
          <Tab value="check">
            {tr('tabCheck')}
            {badge && (
              <>
                <Badge
                  className={s.badge}
                  appearance="filled"
                  shape="circular"
                  size="small"
                  color={badge === 'error' ? 'danger' : 'warning'}
                  data-testid="tab-badge"
                  title={badgeText}
                  aria-hidden
                >
                  {counts[badge]}
                </Badge>
                <span className={s.hidden}>{badgeText}</span>
              </>
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
    <FluentProvider theme={THEMES[value.lang]} className={s.provider} lang={value.lang === 'zh' ? 'zh-CN' : 'en'}>
      <PaneContext.Provider value={value}>
        <Pane />
      </PaneContext.Provider>
    </FluentProvider>
  );
}
