/**
 * 上年年报 from a file: offered while the repository has no report of last year for the YEAR-* rules; once a file is
 * read, names it and lists the readings to confirm (the repairs the importer offers), each applied with one click.
 */
import { Button, Caption1, makeStyles, Subtitle2, Text, tokens } from '@fluentui/react-components';
import { DocumentArrowUpRegular } from '@fluentui/react-icons';
import { useRef } from 'react';
import { usePaneContext, usePaneState, useTr } from '../context';
import { useCardStyles } from './styles';

const useStyles = makeStyles({
  repair: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalS },
  finding: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  hidden: { display: 'none' },
});

const ACCEPT = '.txt,.html,.htm,.docx,.xlsx,.json';

export function PreviousFileCard() {
  const s = useStyles();
  const card = useCardStyles();
  const { pane } = usePaneContext();
  const state = usePaneState();
  const { lang, tr } = useTr();
  const input = useRef<HTMLInputElement>(null);
  const prev = state.previous;
  if (prev.status === 'found' && !prev.file) return null;
  const year = prev.status === 'none' ? pane.previousFile.targetYear() : prev.year;
  const busy = prev.status === 'loading';
  const file = prev.status === 'found' ? prev.file : undefined;
  const toConfirm = (file?.findings ?? []).filter((f) => f.repairs?.length);

  const pick = () => input.current?.click();
  const picked = (files: FileList | null) => {
    const f = files?.[0];
    if (input.current) input.current.value = '';
    if (!f) return;
    void pane.previousFile.read({
      name: f.name,
      size: f.size,
      bytes: async () => new Uint8Array(await f.arrayBuffer()),
    });
  };

  return (
    <section className={card.card} aria-label={tr('previousFileTitle')} data-testid="previous-file">
      <Subtitle2>{tr('previousFileTitle')}</Subtitle2>
      <input
        ref={input}
        className={s.hidden}
        type="file"
        accept={ACCEPT}
        aria-label={tr('previousFilePick')}
        data-testid="previous-file-input"
        onChange={(e) => picked(e.currentTarget.files)}
      />
      {file ? (
        <>
          <Caption1>{tr('previousFileRead', { name: file.name, year })}</Caption1>
          {toConfirm.length > 0 && (
            <Text weight="semibold">{tr('previousFileRepairs', { count: toConfirm.length })}</Text>
          )}
          {toConfirm.map((f, k) => (
            <div key={k} className={s.finding} data-testid="previous-file-finding">
              <Caption1>
                {f.rule} · {f.message[lang]}
              </Caption1>
              {f.repairs!.map((r) => (
                <div key={r.id} className={s.repair}>
                  <Button size="small" onClick={() => void pane.previousFile.applyRepair(r.id!)}>
                    {tr('previousFileApply', { id: r.id! })}
                  </Button>
                  <Caption1>{r.description[lang]}</Caption1>
                </div>
              ))}
            </div>
          ))}
          <div className={s.actions}>
            <Button size="small" icon={<DocumentArrowUpRegular />} onClick={pick}>
              {tr('previousFileOther')}
            </Button>
            <Button size="small" appearance="subtle" onClick={() => pane.previousFile.clear()}>
              {tr('previousFileForget')}
            </Button>
          </div>
        </>
      ) : (
        <>
          <Caption1>{tr('previousFileHint', { year })}</Caption1>
          <div className={s.actions}>
            <Button icon={<DocumentArrowUpRegular />} disabled={busy} onClick={pick}>
              {tr('previousFilePick')}
            </Button>
          </div>
        </>
      )}
    </section>
  );
}
