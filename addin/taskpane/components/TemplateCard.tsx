/** The empty state: no template in the workbook yet (or an incomplete one). */
import {
  Body1,
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Subtitle2,
  tokens,
} from '@fluentui/react-components';
import { TableAddRegular } from '@fluentui/react-icons';
import { usePaneContext, usePaneState, useTr } from '../context';
import { useCardStyles } from './styles';

const useStyles = makeStyles({
  center: {
    alignItems: 'center',
    textAlign: 'center',
    paddingTop: tokens.spacingVerticalXXL,
    paddingBottom: tokens.spacingVerticalXL,
  },
  art: { width: '64px', height: '64px', marginBottom: tokens.spacingVerticalS },
  body: { color: tokens.colorNeutralForeground2, maxWidth: '280px' },
  button: { marginTop: tokens.spacingVerticalM },
});

export function TemplateCard() {
  const s = useStyles();
  const card = useCardStyles();
  const { pane } = usePaneContext();
  const state = usePaneState();
  const { tr } = useTr();
  if (state.template === 'partial') {
    return (
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody>{tr('partialTemplate', { sheets: state.missingSheets.join('、') })}</MessageBarBody>
      </MessageBar>
    );
  }
  return (
    <section className={`${card.card} ${s.center}`} aria-labelledby="template-title">
      <img className={s.art} src="assets/icon-128.png" alt="" />
      <Subtitle2 id="template-title">{tr('templateMissingTitle')}</Subtitle2>
      <Body1 className={s.body}>{tr('templateMissingBody')}</Body1>
      <Button
        className={s.button}
        appearance="primary"
        size="large"
        icon={state.inserting ? <Spinner size="tiny" /> : <TableAddRegular />}
        disabled={state.inserting || !state.canInsert}
        onClick={() => void pane.insert()}
      >
        {state.inserting ? tr('inserting') : tr('insertTemplate')}
      </Button>
      {!state.canInsert && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{tr('insertUnsupported')}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
