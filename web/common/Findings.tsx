/** Findings as the server gave them, by severity, each with where it is (sheet!cell for a workbook). */
import { Badge, Body1, Caption1, makeStyles, Subtitle2, tokens } from '@fluentui/react-components';
import type { Finding, Severity } from '../../report/model/types';
import type { Lang, WebKey } from './i18n';
import { tr } from './i18n';

const useStyles = makeStyles({
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  where: { color: tokens.colorNeutralForeground3, display: 'block' },
  rule: { marginRight: tokens.spacingHorizontalS },
});

const TITLE: Record<Severity, WebKey> = { error: 'errors', warning: 'warnings', info: 'infos' };
const COLOR: Record<Severity, 'danger' | 'warning' | 'informative'> = {
  error: 'danger',
  warning: 'warning',
  info: 'informative',
};

/** Where a finding is: the workbook addresses, else the official cell names, else the section. */
export function placeOf(f: Finding): string {
  const addresses = f.cells.map((c) => c.address).filter(Boolean);
  if (addresses.length) return addresses.slice(0, 4).join('、') + (addresses.length > 4 ? ' …' : '');
  const names = f.cells.map((c) => `表${c.table}「${c.row}」${c.column ? `「${c.column}」` : ''}`);
  return names.slice(0, 3).join('、') + (names.length > 3 ? ' …' : '');
}

export function Findings({ findings, lang, only }: { findings: readonly Finding[]; lang: Lang; only?: Severity[] }) {
  const s = useStyles();
  const severities = only ?? (['error', 'warning', 'info'] as Severity[]);
  const groups = severities
    .map((sev) => ({ sev, list: findings.filter((f) => f.severity === sev) }))
    .filter((g) => g.list.length);
  if (groups.length === 0) return <Body1>{tr(lang, 'noFindings')}</Body1>;
  return (
    <>
      {groups.map(({ sev, list }) => (
        <section key={sev} className={s.group} aria-label={tr(lang, TITLE[sev])}>
          <Subtitle2 as="h3" block>
            {tr(lang, TITLE[sev])} <Badge color={COLOR[sev]}>{list.length}</Badge>
          </Subtitle2>
          <ul className={s.list}>
            {list.map((f, i) => (
              <li key={`${f.rule}-${i}`} data-testid={`finding-${f.rule}`}>
                <Badge className={s.rule} appearance="outline" color={COLOR[sev]}>
                  {f.rule}
                </Badge>
                {f.message[lang]}
                {placeOf(f) && <Caption1 className={s.where}>{placeOf(f)}</Caption1>}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
