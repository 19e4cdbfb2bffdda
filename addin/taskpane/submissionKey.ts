/**
 * One report, one submission, whatever is clicked: the Idempotency-Key of a submission is kept with the workbook
 * (its document settings) beside a fingerprint of the report it was made for, and reused for as long as the report
 * is the same — by 一键提交, 重试 and 再次提交, after a reload of the pane or a reopening of the workbook. A
 * changed report gets a new key. The server, which knows a report by what it reads from the workbook, answers a
 * repeat with the version it stored.
 */
import type { Report } from '../../report/model/types';
import { saveSetting, type DocumentSettings } from '../office/settings';

/** The document setting holding { key, fingerprint }. */
export const SUBMISSION_SETTING = 'nianbao.submission';

interface Kept {
  readonly key: string;
  readonly fingerprint: string;
}

function isKept(v: unknown): v is Kept {
  const k = v as Partial<Kept> | null;
  return !!k && typeof k.key === 'string' && typeof k.fingerprint === 'string';
}

/** FNV-1a, 2 × 32 bits: where Web Crypto is missing (an old embedded browser), enough to notice a change. */
function fnv(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
  }
  return `fnv:${a.toString(16)}${b.toString(16)}`;
}

/** What a key belongs to: the agency and the report as the pane reads it. */
export async function fingerprint(agency: string, report: Report): Promise<string> {
  const text = JSON.stringify([agency, report]);
  const subtle = typeof crypto !== 'undefined' ? crypto.subtle : undefined;
  if (!subtle) return fnv(text);
  const digest = await subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export class SubmissionKeys {
  /** Where the document cannot keep it (no settings, or saving refused): this pane's session still reuses it. */
  private memory: Kept | null = null;

  constructor(
    private readonly settings: DocumentSettings | undefined,
    private readonly newKey: () => string,
  ) {}

  /** The key for this report: the one kept for it, or a new one, kept from now on (saved with the document). */
  async keyFor(print: string): Promise<string> {
    const stored = this.settings?.get(SUBMISSION_SETTING);
    const kept = isKept(stored) ? stored : this.memory;
    if (kept && kept.fingerprint === print) return kept.key;
    const made: Kept = { key: this.newKey(), fingerprint: print };
    this.memory = made;
    if (this.settings) await saveSetting(this.settings, SUBMISSION_SETTING, made);
    return made.key;
  }
}
