/** Signing in: the hosted UI (deployed) or the local stack's dev sign-in (agency id and name). */
import {
  Body1,
  Button,
  Caption1,
  Field,
  Input,
  makeStyles,
  Spinner,
  Subtitle2,
  tokens,
} from '@fluentui/react-components';
import { PersonRegular } from '@fluentui/react-icons';
import { useState, type FormEvent } from 'react';
import { usePaneContext, usePaneState, useTr } from '../context';
import { useCardStyles } from './styles';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  hint: { color: tokens.colorNeutralForeground3 },
  actions: { display: 'flex', justifyContent: 'flex-start', marginTop: tokens.spacingVerticalXS },
});

export function SignInCard() {
  const s = useStyles();
  const card = useCardStyles();
  const { pane } = usePaneContext();
  const { signingIn } = usePaneState();
  const { tr } = useTr();
  const [agency, setAgency] = useState('');
  const [agencyName, setAgencyName] = useState('');
  const dev = pane.deps.config.signIn.mode === 'dev';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void pane.signIn(dev ? { agency, agencyName } : undefined);
  };
  const icon = signingIn ? <Spinner size="tiny" /> : <PersonRegular />;
  return (
    <section className={card.card} aria-labelledby="signin-title">
      <Subtitle2 id="signin-title">{tr('signInTitle')}</Subtitle2>
      <Body1 className={s.hint}>{tr('signInHint')}</Body1>
      {dev ? (
        <form className={s.form} onSubmit={submit}>
          <Caption1 className={s.hint}>{tr('devSignInNote')}</Caption1>
          <Field label={tr('agencyId')} hint={tr('agencyIdHint')} required>
            <Input value={agency} onChange={(_, d) => setAgency(d.value)} name="agency" autoComplete="off" />
          </Field>
          <Field label={tr('agencyName')} required>
            <Input
              value={agencyName}
              onChange={(_, d) => setAgencyName(d.value)}
              name="agencyName"
              autoComplete="organization"
            />
          </Field>
          <div className={s.actions}>
            <Button
              type="submit"
              appearance="primary"
              icon={icon}
              disabled={signingIn || !agency.trim() || !agencyName.trim()}
            >
              {tr('signIn')}
            </Button>
          </div>
        </form>
      ) : (
        <div className={s.actions}>
          <Button appearance="primary" icon={icon} disabled={signingIn} onClick={submit}>
            {tr('signInCognito')}
          </Button>
        </div>
      )}
    </section>
  );
}
