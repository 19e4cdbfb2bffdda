/** 报送: sign-in, the one-click submission with its progress, the confirmation of warnings, the receipt. */
import {
  Body1,
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Link,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Subtitle2,
  Text,
  tokens,
} from '@fluentui/react-components';
import { ArrowClockwiseRegular, CheckmarkCircleFilled, OpenRegular, SendRegular } from '@fluentui/react-icons';
import type { Receipt } from '../../api/client';
import { countBySeverity } from '../../logic/findings';
import { usePaneContext, usePaneState, useTr } from '../context';
import type { SubmitState } from '../state';
import { FindingList } from './FindingList';
import { SignInCard } from './SignInCard';
import { useCardStyles } from './styles';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  hint: { color: tokens.colorNeutralForeground3 },
  summary: { display: 'flex', gap: tokens.spacingHorizontalL, color: tokens.colorNeutralForeground2 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, marginTop: tokens.spacingVerticalXS },
  receiptHead: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  ok: { color: tokens.colorPaletteGreenForeground1, fontSize: '28px' },
  dialogList: {
    maxHeight: '50vh',
    overflowY: 'auto',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
});

function ReceiptCard({ receipt }: { receipt: Receipt }) {
  const s = useStyles();
  const card = useCardStyles();
  const { lang, tr } = useTr();
  const when = new Date(receipt.submittedAt).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { hour12: false });
  return (
    <section className={card.card} data-testid="receipt">
      <div className={s.receiptHead}>
        <CheckmarkCircleFilled className={s.ok} aria-hidden />
        <Subtitle2>{tr('receiptTitle')}</Subtitle2>
      </div>
      <Body1>
        {tr('receiptBody', {
          agency: receipt.agencyName ?? receipt.agency,
          year: receipt.year,
          version: receipt.version,
        })}
      </Body1>
      <Caption1 className={s.hint}>{tr('receiptTime', { time: when })}</Caption1>
      {receipt.replayed && <Caption1 className={s.hint}>{tr('receiptReplayed')}</Caption1>}
      <Link href={receipt.publishedUrl} target="_blank" rel="noopener noreferrer">
        <OpenRegular /> {tr('openPublished')}
      </Link>
      {receipt.findings.length > 0 && (
        <>
          <Text weight="semibold">{tr('serverFindings')}</Text>
          <FindingList findings={receipt.findings} />
        </>
      )}
    </section>
  );
}

function Progress({ submit }: { submit: SubmitState }) {
  const { tr } = useTr();
  const steps: Partial<Record<SubmitState['phase'], [number, string]>> = {
    checking: [0.15, tr('stepCheck')],
    exporting: [0.4, tr('stepExport')],
    uploading: [
      0.75,
      submit.phase === 'uploading' && submit.attempt > 1
        ? tr('stepUploadRetry', { n: submit.attempt, of: submit.of })
        : tr('stepUpload'),
    ],
  };
  const step = steps[submit.phase];
  if (!step) return null;
  return (
    <div aria-live="polite">
      <ProgressBar value={step[0]} thickness="large" />
      <Caption1>{step[1]}</Caption1>
    </div>
  );
}

export function SubmitTab() {
  const s = useStyles();
  const card = useCardStyles();
  const { pane, submission } = usePaneContext();
  const state = usePaneState();
  const { tr, msg } = useTr();
  const submit = state.submit;
  const counts = countBySeverity(state.findings);
  const busy = submit.phase === 'checking' || submit.phase === 'exporting' || submit.phase === 'uploading';
  const ready = state.session !== null && state.template === 'present';
  return (
    <div className={s.root}>
      {!state.session && <SignInCard />}
      {submit.phase === 'done' && <ReceiptCard receipt={submit.receipt} />}
      <section className={card.card} aria-labelledby="submit-title">
        <Subtitle2 id="submit-title">{tr('submitTitle')}</Subtitle2>
        <Body1 className={s.hint}>{tr('submitBody')}</Body1>
        {state.template === 'present' && (
          <div className={s.summary}>
            <Caption1>
              {tr('errors')} {counts.error}
            </Caption1>
            <Caption1>
              {tr('warnings')} {counts.warning}
            </Caption1>
            <Caption1>
              {tr('infos')} {counts.info}
            </Caption1>
          </div>
        )}
        <div className={s.actions}>
          <Button
            appearance="primary"
            icon={<SendRegular />}
            disabled={busy || !ready}
            onClick={() => void submission.start()}
          >
            {submit.phase === 'done' ? tr('newSubmission') : tr('submit')}
          </Button>
        </div>
        {!ready && (
          <Caption1 className={s.hint}>{state.session ? tr('submitNeedsTemplate') : tr('submitNeedsSignIn')}</Caption1>
        )}
        <Progress submit={submit} />
      </section>

      {submit.phase === 'blocked' && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{tr('blocked', { n: submit.errors })}</MessageBarBody>
        </MessageBar>
      )}
      {submit.phase === 'failed' && (
        <MessageBar intent="error" layout="multiline" data-testid="submit-failed">
          <MessageBarBody>
            <MessageBarTitle>{tr('failed')}</MessageBarTitle>
            {msg(submit.message)} <Caption1>({submit.code})</Caption1>
            {submit.canRetry && (
              <div>
                <Caption1>{tr('retryNote')}</Caption1>
              </div>
            )}
          </MessageBarBody>
          {submit.canRetry && (
            <MessageBarActions>
              <Button size="small" icon={<ArrowClockwiseRegular />} onClick={() => void submission.retry()}>
                {tr('retry')}
              </Button>
            </MessageBarActions>
          )}
        </MessageBar>
      )}
      {submit.phase === 'refused' && (
        <section className={s.root} data-testid="submit-refused">
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{tr('refused')}</MessageBarTitle>
              {msg(submit.message)} <Caption1>({submit.code})</Caption1>
            </MessageBarBody>
          </MessageBar>
          <FindingList findings={submit.findings} onSelect={(f) => void pane.select(f)} />
        </section>
      )}
      <Dialog open={submit.phase === 'confirm'} onOpenChange={(_, d) => !d.open && submission.cancel()}>
        <DialogSurface aria-describedby="confirm-body">
          <DialogBody>
            <DialogTitle>{tr('confirmTitle')}</DialogTitle>
            <DialogContent className={s.dialogList}>
              <Body1 id="confirm-body">
                {tr('confirmBody', { n: submit.phase === 'confirm' ? submit.warnings.length : 0 })}
              </Body1>
              {submit.phase === 'confirm' && <FindingList findings={submit.warnings} />}
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={() => submission.cancel()}>
                {tr('backToEdit')}
              </Button>
              <Button appearance="primary" onClick={() => void submission.confirm()}>
                {tr('confirmAndSubmit')}
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </div>
  );
}
