/** 校验: the counts by severity, when the workbook was last checked, and the findings. */
import {
  Button,
  Caption1,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  tokens,
  Tooltip,
} from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import type { Severity } from '../../../report/model/types';
import { countBySeverity, SEVERITIES } from '../../logic/findings';
import { usePaneContext, usePaneState, useTr } from '../context';
import { SEVERITY_LABEL } from '../i18n';
import { FindingList } from './FindingList';
import { PreviousFileCard } from './PreviousFileCard';
import { ReviewNotice } from './ReviewNotice';
import { SEVERITY_COLOR, useCardStyles } from './styles';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  tiles: { display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: tokens.spacingHorizontalS },
  tile: { alignItems: 'flex-start', gap: 0, padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}` },
  count: {
    fontSize: tokens.fontSizeHero700,
    lineHeight: tokens.lineHeightHero700,
    fontWeight: tokens.fontWeightSemibold,
  },
  status: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    color: tokens.colorNeutralForeground3,
    minHeight: '20px',
  },
});

function time(ms: number, lang: 'zh' | 'en'): string {
  return new Date(ms).toLocaleTimeString(lang === 'zh' ? 'zh-CN' : 'en-GB', { hour12: false });
}

export function ChecksTab() {
  const s = useStyles();
  const card = useCardStyles();
  const { pane } = usePaneContext();
  const state = usePaneState();
  const { lang, tr } = useTr();
  const counts = countBySeverity(state.findings);
  const prev = state.previous;
  return (
    <div className={s.root}>
      <ReviewNotice />
      <div className={s.tiles} role="group" aria-label={tr('tabCheck')}>
        {SEVERITIES.map((sev: Severity) => (
          <div key={sev} className={`${card.card} ${s.tile}`} data-testid={`count-${sev}`}>
            <span
              className={s.count}
              style={{ color: counts[sev] > 0 ? SEVERITY_COLOR[sev] : tokens.colorNeutralForeground3 }}
            >
              {counts[sev]}
            </span>
            <Caption1>{tr(SEVERITY_LABEL[sev])}</Caption1>
          </div>
        ))}
      </div>
      <div className={s.status} aria-live="polite">
        {state.validating ? (
          <>
            <Spinner size="extra-tiny" />
            <Caption1>{tr('checking')}</Caption1>
          </>
        ) : (
          state.checkedAt !== null && <Caption1>{tr('checkedAt', { time: time(state.checkedAt, lang) })}</Caption1>
        )}
        {prev.status === 'found' && <Caption1>· {tr('withPrevious', { year: prev.year })}</Caption1>}
      </div>
      {state.prefilled && (
        <MessageBar intent="info" layout="multiline" data-testid="prefilled">
          <MessageBarBody>
            {tr('prefilled', { year: state.prefilled.fromYear, count: state.prefilled.ids.length })}
          </MessageBarBody>
          <MessageBarActions
            containerAction={
              <Tooltip content={tr('dismiss')} relationship="label">
                <Button
                  appearance="transparent"
                  size="small"
                  icon={<DismissRegular />}
                  onClick={() => pane.dismissPrefill()}
                />
              </Tooltip>
            }
          >
            <Button size="small" onClick={() => void pane.selectIds(state.prefilled!.ids)}>
              {tr('showCells')}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {state.findings.length === 0 && state.checkedAt !== null ? (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{tr('allClear')}</MessageBarTitle>
            <Text>{tr('allClearBody')}</Text>
          </MessageBarBody>
        </MessageBar>
      ) : (
        <FindingList findings={state.findings} onSelect={(f) => void pane.select(f)} />
      )}
      {state.template === 'present' && <PreviousFileCard />}
    </div>
  );
}
