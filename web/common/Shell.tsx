/**
 * The frame of a web page: Fluent's provider (Chinese fonts named), a header with the page's title and who is
 * signed in, and the sign-in card until someone is. Each page renders its body with the session and the API.
 */
import {
  Body1,
  Button,
  Caption1,
  Card,
  Checkbox,
  Field,
  FluentProvider,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Subtitle1,
  Title3,
  tokens,
  webLightTheme,
} from '@fluentui/react-components';
import { useState, type ReactNode } from 'react';
import type { AddinConfig } from '../../contract/addin';
import { ApiError, WebApi } from './api';
import { devSignIn, saveWebSession, startCognitoSignIn, type WebSession } from './auth';
import { tr, type Lang, type WebKey } from './i18n';

const THEME = {
  ...webLightTheme,
  fontFamilyBase: `'Segoe UI', 'Microsoft YaHei UI', 'Microsoft YaHei', 'PingFang SC', -apple-system, BlinkMacSystemFont, 'Noto Sans CJK SC', 'Helvetica Neue', sans-serif`,
};

export const useShellStyles = makeStyles({
  provider: { minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground2 },
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalL,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalXXL}`,
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
  },
  title: { flexGrow: 1 },
  who: { color: tokens.colorNeutralForegroundOnBrand },
  lang: { color: tokens.colorNeutralForegroundOnBrand, fontSize: tokens.fontSizeBase300 },
  main: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalXXL,
    maxWidth: '1100px',
    margin: '0 auto',
  },
  card: { padding: tokens.spacingHorizontalL, gap: tokens.spacingVerticalM },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'flex-end' },
  hint: { color: tokens.colorNeutralForeground3 },
  /** A table's naming column: room for an agency's full name on one line. */
  wide: { width: '32%' },
});

/** The same page and view in the other language (Chinese has no ?lang: it is the default). */
function otherLanguage(lang: Lang): string {
  const q = new URLSearchParams(location.search);
  if (lang === 'zh') q.set('lang', 'en');
  else q.delete('lang');
  const search = q.toString();
  return `${location.pathname}${search ? `?${search}` : ''}${location.hash}`;
}

export interface PageContext {
  readonly lang: Lang;
  readonly t: (key: WebKey, vars?: Record<string, string | number>) => string;
  readonly config: AddinConfig;
  readonly api: WebApi;
  readonly session: WebSession;
}

function SignInCard({
  config,
  lang,
  onSignedIn,
  reviewer,
}: {
  config: AddinConfig;
  lang: Lang;
  onSignedIn: (s: WebSession) => void;
  reviewer: boolean;
}) {
  const s = useShellStyles();
  const t = (k: WebKey) => tr(lang, k);
  const [agency, setAgency] = useState('');
  const [name, setName] = useState('');
  const [office, setOffice] = useState('');
  const [admin, setAdmin] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      onSignedIn(
        await devSignIn(config.apiBase, {
          ...(agency.trim() ? { agency: agency.trim() } : {}),
          ...(name.trim() ? { agencyName: name.trim() } : {}),
          ...(office.trim() ? { office: office.trim() } : {}),
          admin,
        }),
      );
    } catch (e) {
      setError(e instanceof ApiError ? e.bilingual[lang] : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card className={s.card} aria-labelledby="signin-title">
      <Subtitle1 as="h2" id="signin-title">
        {t('signInTitle')}
      </Subtitle1>
      {config.signIn.mode === 'cognito' ? (
        <Button appearance="primary" onClick={() => void startCognitoSignIn(config, location.href, lang)}>
          {t('signInCognito')}
        </Button>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <Body1 className={s.hint}>{t('devNote')}</Body1>
          <div className={s.row}>
            <Field label={t('agencyId')}>
              <Input value={agency} onChange={(_, d) => setAgency(d.value)} />
            </Field>
            <Field label={t('agencyName')}>
              <Input value={name} onChange={(_, d) => setName(d.value)} />
            </Field>
            {reviewer && (
              <Field label={t('officeId')}>
                <Input value={office} onChange={(_, d) => setOffice(d.value)} />
              </Field>
            )}
            {reviewer && (
              <Checkbox label={t('admin')} checked={admin} onChange={(_, d) => setAdmin(Boolean(d.checked))} />
            )}
            <Button appearance="primary" type="submit" disabled={busy}>
              {t('signIn')}
            </Button>
          </div>
        </form>
      )}
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
    </Card>
  );
}

export function Shell(props: {
  lang: Lang;
  config: AddinConfig;
  title: WebKey;
  initial: WebSession | null;
  /** The reviewer's sign-in asks for an office too. */
  reviewer?: boolean;
  /** Shown above the page's body whether or not someone is signed in (the upload page's blank template). */
  aside?: ReactNode;
  children: (ctx: PageContext) => ReactNode;
}) {
  const s = useShellStyles();
  const [session, setSession] = useState<WebSession | null>(props.initial);
  const t = (key: WebKey, vars?: Record<string, string | number>) => tr(props.lang, key, vars);
  const api = new WebApi({ apiBase: props.config.apiBase, token: () => session?.token ?? null });
  const who = session
    ? [
        session.agencyName ?? session.agency,
        session.office && `${t('office')} ${session.office}`,
        session.groups.includes('admins') && t('admin'),
      ]
        .filter(Boolean)
        .join(' · ')
    : '';
  return (
    <FluentProvider theme={THEME} className={s.provider} lang={props.lang === 'zh' ? 'zh-CN' : 'en'}>
      <header className={s.header}>
        <Title3 as="h1" className={s.title}>
          {t('appName')} · {t(props.title)}
        </Title3>
        <a
          className={s.lang}
          href={otherLanguage(props.lang)}
          lang={props.lang === 'zh' ? 'en' : 'zh-CN'}
          onClick={(e) => {
            e.preventDefault();
            location.assign(otherLanguage(props.lang)); // the view (the address's #…) kept, read at the click
          }}
        >
          {props.lang === 'zh' ? 'English' : '中文'}
        </a>
        {session && (
          <>
            <Caption1 className={s.who}>{t('signedInAs', { who })}</Caption1>
            <Button
              appearance="secondary"
              size="small"
              onClick={() => {
                saveWebSession(null);
                setSession(null);
              }}
            >
              {t('signOut')}
            </Button>
          </>
        )}
      </header>
      <main className={s.main}>
        {props.aside}
        {session ? (
          props.children({ lang: props.lang, t, config: props.config, api, session })
        ) : (
          <SignInCard
            config={props.config}
            lang={props.lang}
            onSignedIn={setSession}
            reviewer={Boolean(props.reviewer)}
          />
        )}
      </main>
    </FluentProvider>
  );
}
