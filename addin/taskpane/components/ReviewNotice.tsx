/**
 * What the reviewing office said about this year's report: a return (its reason, and each cell comment as a link
 * that selects the cell), or an acceptance. Hidden once a newer version is submitted from the pane.
 */
import { Link, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, tokens } from '@fluentui/react-components';
import { targetLabel, targetOf } from '../../logic/findings';
import { usePaneContext, usePaneState, useTr } from '../context';

const useStyles = makeStyles({
  comments: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalL },
  cell: { marginRight: tokens.spacingHorizontalXS },
});

export function ReviewNotice() {
  const s = useStyles();
  const { pane } = usePaneContext();
  const state = usePaneState();
  const { lang, tr } = useTr();
  const review = state.review;
  if (!review || review.year !== state.report?.year) return null;
  const { status } = review;
  const t = status.transition;
  const submittedSince = state.submit.phase === 'done' && state.submit.receipt.version > status.version;
  if (!t || submittedSince) return null;
  const when = new Date(t.at).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { hour12: false });
  if (status.state === 'accepted')
    return (
      <MessageBar intent="success" data-testid="review-accepted">
        <MessageBarBody>
          <MessageBarTitle>{tr('acceptedTitle')}</MessageBarTitle>
          {tr('acceptedBody', { version: t.version, when })}
        </MessageBarBody>
      </MessageBar>
    );
  if (status.state !== 'returned') return null;
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="review-returned">
      <MessageBarBody>
        <MessageBarTitle>{tr('returnedTitle')}</MessageBarTitle>
        {tr('returnedBody', { version: t.version, when, reason: t.reason ?? '' })} {tr('returnedHint')}
        {t.comments && t.comments.length > 0 && (
          <>
            <div>{tr('returnedComments')}</div>
            <ul className={s.comments}>
              {t.comments.map((c, i) => {
                const target = targetOf(pane.layout, [c.cell]);
                return (
                  <li key={`${c.cell}-${i}`}>
                    {target ? (
                      <Link className={s.cell} onClick={() => void pane.selectIds([c.cell])}>
                        {targetLabel(pane.layout, target, lang)}
                      </Link>
                    ) : (
                      <span className={s.cell}>{c.cell}</span>
                    )}
                    {c.comment}
                  </li>
                );
              })}
            </ul>
          </>
        )}
      </MessageBarBody>
    </MessageBar>
  );
}
