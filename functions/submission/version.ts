/** The version an accepted submission stores: its report and findings, and what it records of the request. */
import type { ApiEvent } from '../http/api';
import { submitterOf, type Principal } from '../http/auth';
import { sha256Hex, type NewVersion, type VersionContent } from '../store';
import { clientOf, confirmedWarnings, type SubmissionInput } from './input';
import type { Judgement } from './judge';

export interface Accepted {
  readonly principal: Principal;
  readonly agency: string;
  readonly key: string;
  readonly body: Buffer;
  readonly contentSha256: string;
  readonly input: SubmissionInput;
  readonly judgement: Judgement;
  readonly event: ApiEvent;
}

export const contentOf = (j: Judgement): VersionContent => ({ report: j.report, findings: j.findings });

/** The accepted report's next version: it records the key, who sent it, from where, and what. */
export function versionOf(s: Accepted): NewVersion {
  const { report, year, findings } = s.judgement;
  return {
    agency: s.agency,
    agencyName: s.judgement.registeredName ?? report.agency,
    year,
    format: report.format,
    publishOn: s.judgement.publishOn,
    submittedBy: submitterOf(s.principal),
    source: { kind: s.input.kind, contentType: s.input.contentType, bytes: s.body.length, sha256: sha256Hex(s.body) },
    counts: {
      error: 0,
      warning: findings.filter((f) => f.severity === 'warning').length,
      info: findings.filter((f) => f.severity === 'info').length,
    },
    confirmedWarnings: confirmedWarnings(findings, s.input.confirmation),
    idempotencyKey: s.key,
    contentSha256: s.contentSha256,
    client: clientOf(s.event),
  };
}
