/** The pane's header: the product, the report it is working on, and the account. */
import { Button, Caption1, makeStyles, Subtitle2, tokens, Tooltip } from '@fluentui/react-components';
import { SignOutRegular } from '@fluentui/react-icons';
import { usePaneContext, usePaneState, useTr } from '../context';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  logo: { width: '32px', height: '32px', flexShrink: 0 },
  titles: { display: 'flex', flexDirection: 'column', minWidth: 0, flexGrow: 1 },
  sub: { color: tokens.colorNeutralForeground3, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
});

export function Header() {
  const s = useStyles();
  const { pane } = usePaneContext();
  const state = usePaneState();
  const { tr } = useTr();
  const year = state.report?.year;
  const agency = state.report?.agency ?? state.session?.agencyName;
  const sub = [year ? tr('reportOfYear', { year }) : tr('appTagline'), agency].filter(Boolean).join(' · ');
  return (
    <header className={s.root}>
      <img className={s.logo} src="assets/icon-64.png" alt="" />
      <div className={s.titles}>
        <Subtitle2>{tr('appName')}</Subtitle2>
        <Caption1 className={s.sub} title={sub}>
          {sub}
        </Caption1>
      </div>
      {state.session && (
        <Tooltip content={tr('signOut')} relationship="label" withArrow>
          <Button appearance="subtle" size="small" icon={<SignOutRegular />} onClick={() => pane.signOut()} />
        </Tooltip>
      )}
    </header>
  );
}
