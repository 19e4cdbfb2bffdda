/** The pane's messages (errors included): shown in the pane, never only in the console. */
import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  tokens,
  Tooltip,
} from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import { useEffect } from 'react';
import { usePaneContext, usePaneState, useTr } from '../context';

/** Success messages step aside by themselves; errors, warnings and hints stay until dismissed. */
const SUCCESS_MS = 8000;

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL} 0`,
  },
  body: { whiteSpace: 'normal' },
});

export function Notices() {
  const s = useStyles();
  const { pane } = usePaneContext();
  const { notices } = usePaneState();
  const { tr, msg } = useTr();
  const successIds = notices
    .filter((n) => n.intent === 'success')
    .map((n) => n.id)
    .join(',');
  useEffect(() => {
    if (!successIds) return;
    const timers = successIds.split(',').map((id) => setTimeout(() => pane.dismiss(Number(id)), SUCCESS_MS));
    return () => timers.forEach(clearTimeout);
  }, [successIds, pane]);
  if (notices.length === 0) return null;
  return (
    <div className={s.root} role="status" aria-live="polite">
      {notices.map((n) => (
        <MessageBar key={n.id} intent={n.intent} layout="multiline" data-testid={`notice-${n.intent}`}>
          <MessageBarBody className={s.body}>{msg(n.message)}</MessageBarBody>
          <MessageBarActions
            containerAction={
              <Tooltip content={tr('dismiss')} relationship="label">
                <Button
                  appearance="transparent"
                  size="small"
                  icon={<DismissRegular />}
                  onClick={() => pane.dismiss(n.id)}
                />
              </Tooltip>
            }
          />
        </MessageBar>
      ))}
    </div>
  );
}
