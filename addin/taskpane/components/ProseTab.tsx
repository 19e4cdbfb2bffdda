/**
 * 正文: the prose sections 一、五、六, editable here as well as in their cells. A draft the person is typing is kept
 * until written back; the findings about each section (TEXT-*, YEAR-COPY) show under it.
 */
import {
  Body1,
  Button,
  Caption1,
  Field,
  makeStyles,
  Spinner,
  Subtitle2,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { CheckmarkRegular, SaveRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { ProseSectionId } from '../../../report/format/types';
import { PROSE_SECTIONS } from '../../../report/model/report';
import { findingsForSection } from '../../logic/findings';
import { usePaneContext, usePaneState, useTr } from '../context';
import { FindingList } from './FindingList';
import { useCardStyles } from './styles';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  hint: { color: tokens.colorNeutralForeground3 },
  row: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalS },
  count: { color: tokens.colorNeutralForeground3 },
  textarea: { minHeight: '160px' },
});

function SectionEditor({ section }: { section: ProseSectionId }) {
  const s = useStyles();
  const card = useCardStyles();
  const { pane } = usePaneContext();
  const state = usePaneState();
  const { tr } = useTr();
  const heading = pane.layout.format.sections.find((x) => x.id === section)?.heading ?? section;
  const inSheet = state.report?.sections[section] ?? '';
  const [draft, setDraft] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const value = draft ?? inSheet;
  const dirty = draft !== null && draft !== inSheet;
  const findings = findingsForSection(state.findings, section);
  const save = async () => {
    setSaving(true);
    const ok = await pane.saveSection(section, value);
    setSaving(false);
    if (ok) {
      setDraft(null);
      setSaved(true);
    }
  };
  return (
    <section className={card.card} aria-label={heading} data-section={section}>
      <Field label={<Subtitle2>{heading}</Subtitle2>}>
        <Textarea
          className={s.textarea}
          resize="vertical"
          value={value}
          onChange={(_, d) => {
            setDraft(d.value);
            setSaved(false);
          }}
        />
      </Field>
      <div className={s.row}>
        <Caption1 className={s.count}>{tr('chars', { n: value.replace(/\s/g, '').length })}</Caption1>
        <Button
          appearance={dirty ? 'primary' : 'secondary'}
          size="small"
          disabled={!dirty || saving}
          icon={saving ? <Spinner size="extra-tiny" /> : saved && !dirty ? <CheckmarkRegular /> : <SaveRegular />}
          onClick={() => void save()}
        >
          {saved && !dirty ? tr('written') : tr('writeBack')}
        </Button>
      </div>
      {findings.length > 0 ? (
        <FindingList findings={findings} onSelect={(f) => void pane.select(f)} />
      ) : (
        value && <Caption1 className={s.hint}>{tr('noSectionFindings')}</Caption1>
      )}
    </section>
  );
}

export function ProseTab() {
  const s = useStyles();
  const { tr } = useTr();
  return (
    <div className={s.root}>
      <Body1 className={s.hint}>{tr('proseHint')}</Body1>
      {PROSE_SECTIONS.map((id) => (
        <SectionEditor key={id} section={id} />
      ))}
    </div>
  );
}
