/**
 * The claim extractor: finds the counts the prose states (收到6次…申请, 予以公开13件, 出台四项规范性文件) and the
 * cells each is to be held against, per the phrase tables of ./phrases. Format-independent (cells are named by
 * keys); computed once per report's prose and shared by all TEXT rules.
 */
import type { SectionId } from '../../format/types';
import { PROSE_SECTIONS, TABLE_SECTIONS } from '../../model/report';
import type { Report } from '../../model/types';
import { findNumbers, type NumberToken } from './numbers';
import { parseChinesePercent } from './numerals';
import {
  APPLICATION_CONTEXT,
  APPLICATION_WORD,
  BREAKDOWN,
  COUNT_PHRASES,
  CONNECTOR,
  DISCLOSURE_CONTEXT,
  DOCUMENT_COUNT,
  EACH,
  ENUMERATION_MARK,
  NUMBER_AFTER_PHRASE,
  NUMBER_BEFORE_PHRASE,
  OTHER_SUBJECT,
  PERCENT_AFTER_SOURCE,
  RESPECTIVELY,
  type CellSet,
  type CountPhrase,
  type Table4Scope,
} from './phrases';
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

const PERCENT_RE = new RegExp(PERCENT_AFTER_SOURCE, 'y');
const EXCERPT_MAX = 60;
const EXCERPT_SIDE = 20;

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

const outcomeSets = new Map<string, CellSet>();

/** The cell set of an outcome column in a table 四 scope; one object per pair (targets.ts caches by identity). */
export function outcomeSet(scope: Table4Scope, column: string): CellSet {
  const key = `${scope}|${column}`;
  let set = outcomeSets.get(key);
  if (!set) outcomeSets.set(key, (set = [{ table: '四', scope, column }]));
  return set;
}

function excerptOf(text: string, seg: Span, start: number, end: number): string {
  let from = seg.start;
  let to = seg.end;
  if (to - from > EXCERPT_MAX) {
    from = Math.max(seg.start, start - EXCERPT_SIDE);
    to = Math.min(seg.end, end + EXCERPT_SIDE);
  }
  return text.slice(from, to).trim();
}

/** Extracts the claims of one section. */
class SectionReader {
  private readonly memo = new Map<RegExp, Int8Array>();
  private readonly phraseUsed: Uint8Array;
  private readonly numberUsed: Uint8Array;

  constructor(
    private readonly sec: ProseSection,
    private readonly out: Claim[],
  ) {
    this.phraseUsed = new Uint8Array(sec.phrases.length);
    this.numberUsed = new Uint8Array(sec.numbers.length);
  }

  private sentenceHas(re: RegExp, s: number): boolean {
    if (s < 0) return false;
    let m = this.memo.get(re);
    if (!m) this.memo.set(re, (m = new Int8Array(this.sec.sentences.length)));
    if (m[s] === 0) {
      const span = this.sec.sentences[s]!;
      m[s] = re.test(this.sec.norm.slice(span.start, span.end)) ? 1 : 2;
    }
    return m[s] === 1;
  }

  private segmentText(i: number): string {
    const s = this.sec.segments[i]!;
    return this.sec.norm.slice(s.start, s.end);
  }

  private contextHolds(t: PhraseToken): boolean {
    const s = t.sentence;
    const kind = t.phrase.context;
    if (kind === 'none') return true;
    if (kind === 'review') {
      return (
        this.sentenceHas(DISCLOSURE_CONTEXT, s) ||
        this.sentenceHas(DISCLOSURE_CONTEXT, s - 1) ||
        this.sentenceHas(DISCLOSURE_CONTEXT, s - 2)
      );
    }
    if (kind === 'applicationVerb' && !this.sentenceHas(APPLICATION_WORD, s)) return false;
    // Documents counted by how they are disclosed (主动公开128条、依申请公开130条、不予公开55条) are no applications.
    if (this.sentenceHas(DOCUMENT_COUNT, s)) return false;
    return (
      !OTHER_SUBJECT.test(this.segmentText(t.segment)) &&
      (this.sentenceHas(APPLICATION_CONTEXT, s) || this.sentenceHas(APPLICATION_CONTEXT, s - 1))
    );
  }

  /** 其中 before the phrase in its clause (or as the clause before it: 其中：收到…). */
  private isBreakdown(t: PhraseToken): boolean {
    const seg = this.sec.segments[t.segment]!;
    if (BREAKDOWN.test(this.sec.norm.slice(seg.start, t.start))) return true;
    const prev = this.sec.segments[t.segment - 1];
    return prev !== undefined && prev.sentence === seg.sentence && this.segmentText(t.segment - 1).trim() === '其中';
  }

  /** The cells a single phrase's count is held against, or null when it states no count we can place. */
  private targetsOf(pi: number, n: NumberToken): readonly CellSet[] | null {
    const t = this.sec.phrases[pi]!;
    const p = t.phrase;
    if (p.verbs) {
      const seg = this.sec.segments[t.segment]!;
      const before = this.sec.norm.slice(seg.start, Math.min(t.start, n.start));
      let best: readonly CellSet[] | null = null;
      let at = -1;
      for (const v of p.verbs) {
        v.verb.lastIndex = 0;
        for (let m = v.verb.exec(before); m; m = v.verb.exec(before)) {
          if (m.index >= at) {
            at = m.index;
            best = v.targets;
          }
        }
      }
      return best;
    }
    if (p.outcome) {
      for (let k = pi - 1; k >= 0; k--) {
        const prev = this.sec.phrases[k]!;
        if (prev.sentence !== t.sentence) break;
        if (prev.phrase.scope) return [outcomeSet(prev.phrase.scope, p.outcome)];
      }
      return null;
    }
    return p.targets;
  }

  private claim(group: readonly number[], ni: number): void {
    const n = this.sec.numbers[ni]!;
    const tokens = group.map((pi) => this.sec.phrases[pi]!);
    for (const t of tokens) if (!this.contextHolds(t)) return;
    const first = tokens[0]!;
    if (first.phrase.total && this.isBreakdown(first)) return;
    const category = tokens.find((t) => t.phrase.category)?.phrase.category;
    let targets: readonly CellSet[];
    if (category) targets = [];
    else if (group.length === 1) {
      const t = this.targetsOf(group[0]!, n);
      if (!t) return;
      targets = t;
    } else {
      const union: CellSet[number][] = [];
      for (const pi of group) {
        const t = this.targetsOf(pi, n);
        if (!t || t.length === 0) return;
        union.push(...t[0]!);
      }
      targets = [union];
    }
    const start = Math.min(first.start, n.start);
    const end = Math.max(tokens[tokens.length - 1]!.end, n.end);
    const seg = this.sec.segments[n.segment]!;
    this.out.push({
      section: this.sec.id,
      sentence: seg.sentence,
      phrases: tokens.map((t) => t.phrase),
      value: n.value,
      unit: n.unit,
      approximate: n.approximate,
      targets,
      ...(category ? { category } : {}),
      excerpt: excerptOf(this.sec.text, seg, start, end),
      start,
      end,
      ...this.percentAfter(end),
    });
  }

  private percentAfter(pos: number): { percent?: StatedPercent } {
    PERCENT_RE.lastIndex = pos;
    const m = PERCENT_RE.exec(this.sec.norm);
    if (!m) return {};
    if (m[1] !== undefined) {
      const dot = m[1].indexOf('.');
      return { percent: { value: Number(m[1]), decimals: dot < 0 ? 0 : m[1].length - dot - 1 } };
    }
    const p = parseChinesePercent(m[2]!);
    return p ? { percent: p } : {};
  }

  /** Phrases joined by connectors (及, 和, 、) around phrase pi, in order. */
  private groupAround(pi: number, phrasesInSegment: readonly number[], direction: -1 | 1): number[] {
    const group = [pi];
    let k = phrasesInSegment.indexOf(pi);
    for (;;) {
      const next = phrasesInSegment[k + direction];
      if (next === undefined || this.phraseUsed[next]) break;
      const [a, b] = direction < 0 ? [next, group[0]!] : [group[group.length - 1]!, next];
      const gap = this.sec.norm.slice(this.sec.phrases[a]!.end, this.sec.phrases[b]!.start).trim();
      if (!CONNECTOR.test(gap)) break;
      if (direction < 0) group.unshift(next);
      else group.push(next);
      k += direction;
    }
    return group;
  }

  private attach(group: number[], ni: number, gap: string, numbersInSegment: readonly number[]): void {
    for (const pi of group) this.phraseUsed[pi] = 1;
    if (group.length > 1 && RESPECTIVELY.test(gap)) {
      const from = numbersInSegment.indexOf(ni);
      const taken = numbersInSegment.slice(from, from + group.length).filter((k) => !this.numberUsed[k]);
      for (const k of taken) this.numberUsed[k] = 1;
      if (taken.length === group.length) group.forEach((pi, i) => this.claim([pi], taken[i]!));
      return;
    }
    this.numberUsed[ni] = 1;
    if (group.length > 1 && EACH.test(gap)) for (const pi of group) this.claim([pi], ni);
    else this.claim(group, ni);
  }

  read(): void {
    const { phrases, numbers, segments } = this.sec;
    let pi = 0;
    let ni = 0;
    for (let s = 0; s < segments.length; s++) {
      const ps: number[] = [];
      const ns: number[] = [];
      while (pi < phrases.length && phrases[pi]!.segment === s) ps.push(pi++);
      while (ni < numbers.length && numbers[ni]!.segment === s) ns.push(ni++);
      if (ps.length === 0 || ns.length === 0) continue;
      for (const k of ns) {
        if (this.numberUsed[k]) continue;
        const n = numbers[k]!;
        let before = -1;
        let after = -1;
        for (const p of ps) {
          if (phrases[p]!.end <= n.start) before = p;
          else if (phrases[p]!.start >= n.end) {
            after = p;
            break;
          }
        }
        if (before >= 0 && !this.phraseUsed[before] && n.start - phrases[before]!.end <= NUMBER_AFTER_PHRASE) {
          this.attach(this.groupAround(before, ps, -1), k, this.sec.norm.slice(phrases[before]!.end, n.start), ns);
        } else if (
          after >= 0 &&
          !this.phraseUsed[after] &&
          phrases[after]!.start - n.end <= NUMBER_BEFORE_PHRASE &&
          // `依申请公开130条、不予公开55条`: a count closed by a list mark is its own item's, not the next phrase's.
          !ENUMERATION_MARK.test(this.sec.norm.slice(n.end, phrases[after]!.start))
        ) {
          this.attach(this.groupAround(after, ps, 1), k, '', ns);
        }
      }
    }
  }
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
  new SectionReader(sec, claims).read();
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
