/**
 * Pairs the counted numbers of one prose section with its count phrases (收到6次…申请, 予以公开及部分公开13件,
 * 分别为…): each pair whose phrase holds in its context is a claim, with the cells it is held against. Called by
 * ./extract once per section, with the phrases and numbers it found.
 */
import type { NumberToken } from './numbers';
import { parseChinesePercent } from './numerals';
import {
  APPLICATION_CONTEXT,
  APPLICATION_WORD,
  BREAKDOWN,
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
  type Table4Scope,
} from './phrases';
import type { Span } from './prose';
import type { Claim, PhraseToken, ProseSection, StatedPercent } from './extract';

/** What ends a listed item inside a sentence (the sentences of the text rules also end there). */
const SEMICOLON = /[；;]/;
const PERCENT_RE = new RegExp(PERCENT_AFTER_SOURCE, 'y');
const EXCERPT_MAX = 60;
const EXCERPT_SIDE = 20;

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
    if (OTHER_SUBJECT.test(this.segmentText(t.segment))) return false;
    // The sentence and the one before; items listed with ；(`不予公开35件；…无法提供265件；不予处理158件。`) share
    // the context of the sentence they belong to.
    for (let k = s; k >= this.listStart(s) - 1 && k >= 0; k--)
      if (this.sentenceHas(APPLICATION_CONTEXT, k)) return true;
    return false;
  }

  /** The first of the ；-joined items sentence s is one of. */
  private listStart(s: number): number {
    let k = s;
    while (k > 0 && SEMICOLON.test(this.sec.norm.charAt(this.sec.sentences[k - 1]!.end))) k--;
    return k;
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

/** Appends the claims of one section to `out`, in the order of the text. */
export function readClaims(sec: ProseSection, out: Claim[]): void {
  new SectionReader(sec, out).read();
}
