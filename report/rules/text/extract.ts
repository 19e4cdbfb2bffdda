/**
 * The claim extractor: finds the counts the prose states (收到6次…申请, 予以公开13件, 出台四项规范性文件) and the
 * cells each is to be held against, per the phrase tables of ./phrases. Format-independent (cells are named by
 * keys); computed once per report's prose and shared by all TEXT rules. Each section's phrases and numbers are
 * found here and paired into claims by ./claimReader.
 */
import type { SectionId } from '../../format/types';
import { PROSE_SECTIONS, TABLE_SECTIONS } from '../../model/report';
import type { Report } from '../../model/types';
import { findNumbers, type NumberToken } from './numbers';
import { readClaims } from './claimReader';
import { COUNT_PHRASES, type CellSet, type CountPhrase } from './phrases';
import { normaliseProse, segmentAt, spanCursor, splitProse, type Segment, type Span } from './prose';

export type { NumberToken };

export interface PhraseToken extends Span {
  readonly phrase: CountPhrase;
  readonly segment: number;
  readonly sentence: number;
}

export interface StatedPercent {
  readonly value: number;
  readonly decimals: number;
}

export interface Claim {
  readonly section: SectionId;
  readonly sentence: number;
  /** One phrase, or several joined (予以公开及部分公开): then the count is of them together. */
  readonly phrases: readonly CountPhrase[];
  readonly value: number;
  readonly unit: string;
  readonly approximate: boolean;
  /** Alternative cell sets (see CountPhrase.targets); empty when the count is held against no cell. */
  readonly targets: readonly CellSet[];
  /** A non-format reply category (同意公开 …). */
  readonly category?: string;
  /** The clause as written. */
  readonly excerpt: string;
  readonly start: number;
  readonly end: number;
  readonly percent?: StatedPercent;
}

export interface ProseSection {
  readonly id: SectionId;
  readonly text: string;
  /** The text as read (./prose: full-width digits made ASCII): same length, same offsets. */
  readonly norm: string;
  readonly sentences: readonly Span[];
  readonly segments: readonly Segment[];
  readonly phrases: readonly PhraseToken[];
  /** The counted numbers of the clauses that hold a phrase (no other clause can state a claim). */
  readonly numbers: readonly NumberToken[];
}

/** Does clause `segment` state a counted number? (Any clause, with a phrase or not.) */
export function clauseHasNumber(sec: ProseSection, segment: number): boolean {
  if (segment < 0) return false;
  if (sec.phrases.some((t) => t.segment === segment)) return sec.numbers.some((n) => n.segment === segment);
  return findNumbers(sec.norm, sec.segments, [segment]).length > 0;
}

export interface ProseAnalysis {
  readonly sections: readonly ProseSection[];
  readonly claims: readonly Claim[];
}

/** One pass finds every phrase; no capturing groups (a match array of 30 groups per match was the main garbage). */
const PHRASE_RE = new RegExp(COUNT_PHRASES.map((p) => `(?:${p.pattern})`).join('|'), 'g');
const PHRASE_ALONE = COUNT_PHRASES.map((p) => new RegExp(`^(?:${p.pattern})$`));
const phraseByText = new Map<string, CountPhrase>();

/**
 * The phrase a matched text belongs to: the first whose pattern matches all of it (the alternation chose the
 * first alternative matching at that place, and no earlier one can match the same text, or it would have won).
 */
function phraseOf(text: string): CountPhrase {
  let p = phraseByText.get(text);
  if (!p) {
    const i = PHRASE_ALONE.findIndex((re) => re.test(text));
    p = COUNT_PHRASES[i < 0 ? 0 : i]!;
    phraseByText.set(text, p);
  }
  return p;
}

function scanPhrases(norm: string, segments: readonly Segment[]): PhraseToken[] {
  const out: PhraseToken[] = [];
  const segmentOf = spanCursor(segments);
  PHRASE_RE.lastIndex = 0;
  for (let m = PHRASE_RE.exec(norm); m; m = PHRASE_RE.exec(norm)) {
    const segment = segmentOf(m.index);
    if (segment < 0) continue;
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      phrase: phraseOf(m[0]),
      segment,
      sentence: segments[segment]!.sentence,
    });
  }
  return out;
}

function readSection(id: SectionId, text: string, claims: Claim[]): ProseSection {
  const norm = normaliseProse(text);
  const { sentences, segments } = splitProse(norm);
  const phrases = scanPhrases(norm, segments);
  // Only a clause with a count phrase can hold a claim: numbers elsewhere are read on demand (clauseHasNumber).
  const withPhrase: number[] = [];
  for (const t of phrases) if (withPhrase[withPhrase.length - 1] !== t.segment) withPhrase.push(t.segment);
  const sec: ProseSection = {
    id,
    text,
    norm,
    sentences,
    segments,
    phrases,
    numbers: findNumbers(norm, segments, withPhrase),
  };
  readClaims(sec, claims);
  return sec;
}

interface Cached {
  readonly texts: readonly (string | null)[];
  readonly analysis: ProseAnalysis;
}

const cache = new WeakMap<Report, Cached>();

const ALL_SECTIONS: readonly SectionId[] = [...PROSE_SECTIONS, ...TABLE_SECTIONS];

/**
 * Reads the report's prose: sections 一、五、六 and the notes beside tables 二、三、四 (published reports state
 * counts there too); cached per report while its prose is unchanged.
 */
export function analyseProse(report: Report): ProseAnalysis {
  const texts = [
    ...PROSE_SECTIONS.map((id) => report.sections[id] ?? null),
    ...TABLE_SECTIONS.map((id) => report.notes?.[id] ?? null),
  ];
  const hit = cache.get(report);
  if (hit && hit.texts.every((t, i) => t === texts[i])) return hit.analysis;
  const claims: Claim[] = [];
  const sections: ProseSection[] = [];
  ALL_SECTIONS.forEach((id, i) => {
    const text = texts[i];
    if (text) sections.push(readSection(id, text, claims));
  });
  const analysis = { sections, claims };
  cache.set(report, { texts, analysis });
  return analysis;
}

/**
 * Runs a global pattern over a section once and calls back with each match and its sentence, at most once per
 * sentence (statement patterns are rare; running them per sentence cost more than one pass).
 */
export function forEachSentenceMatch(
  sec: ProseSection,
  pattern: RegExp,
  fn: (match: RegExpExecArray, sentence: number) => void,
): void {
  let last = -1;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(sec.norm); m; m = pattern.exec(sec.norm)) {
    const s = segmentAt(sec.sentences, m.index);
    if (s >= 0 && s !== last) fn(m, s);
    last = s;
    if (m[0].length === 0) pattern.lastIndex++;
  }
}

/** The text of a sentence as read (ASCII digits). */
export function sentenceText(sec: ProseSection, i: number): string {
  const s = sec.sentences[i];
  return s ? sec.norm.slice(s.start, s.end) : '';
}

/**
 * The clauses of sentence i from the one holding sentence-relative position `from` to the one holding `to`, as
 * written (for excerpts).
 */
export function clausesExcerpt(sec: ProseSection, i: number, from: number, to: number): string {
  const s = sec.sentences[i];
  if (!s) return '';
  const a = sec.segments[segmentAt(sec.segments, s.start + from)];
  const b = sec.segments[segmentAt(sec.segments, s.start + to)];
  return sec.text.slice(a?.start ?? s.start, b?.end ?? s.end).trim();
}

/** The sentence as written, trimmed (for excerpts). */
export function sentenceExcerpt(sec: ProseSection, i: number): string {
  const s = sec.sentences[i];
  return s ? sec.text.slice(s.start, s.end).trim() : '';
}
