/**
 * Findings grouped by severity, each a button that selects its cells in the workbook: it says so ("定位 表三 E7 ›",
 * in the link colour), and the arrow keys move through a list while Tab moves past it. Under each card, a closed
 * "这条规则检查什么" tells what its rule checks (the registry's description; a sibling, not inside the button, which
 * may hold no other control).
 */
import { Badge, Caption1, makeStyles, mergeClasses, Text, tokens } from '@fluentui/react-components';
import type { KeyboardEvent } from 'react';
import { ChevronRightRegular, ErrorCircleFilled, InfoFilled, WarningFilled } from '@fluentui/react-icons';
import type { Finding, Severity } from '../../../report/model/types';
import { RULE_BY_CODE } from '../../../report/rules';
import { findingKey, findingTarget, groupBySeverity, targetLabel } from '../../logic/findings';
import { usePaneContext, useTr } from '../context';
import { SEVERITY_LABEL } from '../i18n';
import { SEVERITY_BADGE, SEVERITY_COLOR } from './styles';

const useStyles = makeStyles({
  /** The groups lay out as the parent's children; the element only hears the arrow keys. */
  all: { display: 'contents' },
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
    ':hover .go, :focus-visible .go': { textDecorationLine: 'underline' },
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
    gap: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    color: tokens.colorNeutralForeground3,
  },
  /** The visible "go to the cells" of a finding that can select them. */
  go: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXXS,
    color: tokens.colorBrandForegroundLink,
    whiteSpace: 'nowrap',
  },
  chevron: { fontSize: '12px' },
  hint: {
    marginTop: tokens.spacingVerticalXXS,
    paddingLeft: tokens.spacingHorizontalM,
    color: tokens.colorNeutralForeground3,
    '& > summary': { cursor: 'pointer', width: 'fit-content' },
    '& > summary:focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
});

/** What the finding's rule checks, closed until asked for. */
function RuleHint({ rule }: { rule: string }) {
  const s = useStyles();
  const { lang, tr } = useTr();
  const def = RULE_BY_CODE.get(rule);
  if (!def) return null;
  return (
    <details className={s.hint} data-hint={rule}>
      <summary>
        <Caption1>{tr('ruleChecks')}</Caption1>
      </summary>
      <Caption1>{def.description[lang]}</Caption1>
    </details>
  );
}

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
          {target && clickable ? (
            <span className={mergeClasses('go', s.go)}>
              <Caption1>{tr('goTo', { where: targetLabel(pane.layout, target, lang) })}</Caption1>
              <ChevronRightRegular className={s.chevron} aria-hidden />
            </span>
          ) : (
            target && <Caption1>{targetLabel(pane.layout, target, lang)}</Caption1>
          )}
        </span>
      </span>
    </>
  );
  const style = { borderLeftColor: SEVERITY_COLOR[finding.severity] };
  return clickable ? (
    <button type="button" className={s.item} style={style} onClick={() => onSelect!(finding)} data-rule={finding.rule}>
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
    <div className={s.all} onKeyDown={arrowKeys}>
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
                  <RuleHint rule={f.rule} />
                </li>
              ))}
            </ul>
          </section>
        ))}
    </div>
  );
}

/**
 * ↑ ↓ Home End move between the findings that go to cells (each also a stop for Tab; Enter or Space selects). Plain
 * focus moves: Tabster's arrow groups add hidden focusable elements that screen readers and axe object to.
 */
function arrowKeys(e: KeyboardEvent<HTMLDivElement>): void {
  if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(e.key)) return;
  const items = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('button[data-rule]')];
  const i = items.indexOf(document.activeElement as HTMLButtonElement);
  if (i < 0) return;
  const to = e.key === 'Home' ? 0 : e.key === 'End' ? items.length - 1 : i + (e.key === 'ArrowDown' ? 1 : -1);
  items[Math.max(0, Math.min(items.length - 1, to))]!.focus();
  e.preventDefault();
}
