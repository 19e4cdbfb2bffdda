/** Findings grouped by severity, each a button that selects its cells in the workbook. */
import { Badge, Caption1, makeStyles, mergeClasses, Text, tokens } from '@fluentui/react-components';
import { ErrorCircleFilled, InfoFilled, WarningFilled } from '@fluentui/react-icons';
import type { Finding, Severity } from '../../../report/model/types';
import { findingKey, findingTarget, groupBySeverity, targetLabel } from '../../logic/findings';
import { usePaneContext, useTr } from '../context';
import { SEVERITY_LABEL } from '../i18n';
import { SEVERITY_BADGE, SEVERITY_COLOR } from './styles';

const useStyles = makeStyles({
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  groupHead: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    marginTop: tokens.spacingVerticalS,
  },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  item: {
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    width: '100%',
    boxSizing: 'border-box',
    textAlign: 'left',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderLeftWidth: '3px',
    borderRadius: tokens.borderRadiusMedium,
    cursor: 'pointer',
    fontFamily: 'inherit',
    color: tokens.colorNeutralForeground1,
    boxShadow: tokens.shadow2,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover, boxShadow: tokens.shadow4 },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  static: {
    cursor: 'default',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1, boxShadow: tokens.shadow2 },
  },
  icon: { fontSize: '16px', marginTop: '2px', flexShrink: 0 },
  text: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0 },
  message: { lineHeight: tokens.lineHeightBase300, wordBreak: 'break-word' },
  meta: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    color: tokens.colorNeutralForeground3,
  },
});

const ICON: Record<Severity, typeof ErrorCircleFilled> = {
  error: ErrorCircleFilled,
  warning: WarningFilled,
  info: InfoFilled,
};

export function FindingItem({ finding, onSelect }: { finding: Finding; onSelect?: (f: Finding) => void }) {
  const s = useStyles();
  const { pane } = usePaneContext();
  const { lang, tr } = useTr();
  const target = findingTarget(pane.layout, finding);
  const Icon = ICON[finding.severity];
  const clickable = Boolean(target && onSelect);
  const body = (
    <>
      <Icon className={s.icon} style={{ color: SEVERITY_COLOR[finding.severity] }} aria-hidden />
      <span className={s.text}>
        <Text className={s.message} size={300}>
          {finding.message[lang]}
        </Text>
        {finding.excerpt && <Caption1 italic>“{finding.excerpt}”</Caption1>}
        <span className={s.meta}>
          <Badge appearance="tint" size="small" color={SEVERITY_BADGE[finding.severity]}>
            {finding.rule}
          </Badge>
          {target && <Caption1>{targetLabel(pane.layout, target, lang)}</Caption1>}
        </span>
      </span>
    </>
  );
  const style = { borderLeftColor: SEVERITY_COLOR[finding.severity] };
  return clickable ? (
    <button
      type="button"
      className={s.item}
      style={style}
      title={tr('locate')}
      onClick={() => onSelect!(finding)}
      data-rule={finding.rule}
    >
      {body}
    </button>
  ) : (
    <div className={mergeClasses(s.item, s.static)} style={style} data-rule={finding.rule}>
      {body}
    </div>
  );
}

/** The findings, errors first; empty severities are left out. */
export function FindingList({ findings, onSelect }: { findings: readonly Finding[]; onSelect?: (f: Finding) => void }) {
  const s = useStyles();
  const { tr } = useTr();
  return (
    <>
      {groupBySeverity(findings)
        .filter((g) => g.findings.length > 0)
        .map((g) => (
          <section
            key={g.severity}
            className={s.group}
            aria-label={tr(SEVERITY_LABEL[g.severity])}
            data-severity={g.severity}
          >
            <div className={s.groupHead}>
              <Text weight="semibold">{tr(SEVERITY_LABEL[g.severity])}</Text>
              <Badge appearance="filled" shape="rounded" size="small" color={SEVERITY_BADGE[g.severity]}>
                {g.findings.length}
              </Badge>
            </div>
            <ul className={s.list}>
              {g.findings.map((f, i) => (
                <li key={findingKey(f, i)}>
                  <FindingItem finding={f} {...(onSelect ? { onSelect } : {})} />
                </li>
              ))}
            </ul>
          </section>
        ))}
    </>
  );
}
