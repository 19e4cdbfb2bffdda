/** The JSON shapes of versions and publication states in API answers (one place, so every route says the same). */
import type { AcceptedAnswer, PublicationAnswer, VersionSummary } from '../contract/answers';
import type { Finding } from '../report/model/types';
import type { ApiEvent } from './http/api';
import type { Decision, Publication, VersionMeta } from './store';
import { publishedUrl } from './urls';

export function versionSummary(meta: VersionMeta): VersionSummary {
  return {
    agency: meta.agency,
    agencyName: meta.agencyName,
    year: meta.year,
    version: meta.version,
    format: meta.format,
    submittedAt: meta.submittedAt,
    submittedBy: meta.submittedBy,
    source: meta.source,
    counts: meta.counts,
    confirmedWarnings: meta.confirmedWarnings,
    ...(meta.contentSha256 ? { contentSha256: meta.contentSha256 } : {}),
    ...(meta.client ? { client: meta.client } : {}),
  };
}

/** The 201 answer to an accepted submission (replayed unchanged for a repeated Idempotency-Key). */
export function acceptedAnswer(
  event: ApiEvent,
  meta: VersionMeta,
  findings: readonly Finding[],
): AcceptedAnswer<Finding> {
  return { ...versionSummary(meta), findings, publishedUrl: publishedUrl(event, meta.agency, meta.year) };
}

export function publicationAnswer(publication: Publication, decision?: Decision): PublicationAnswer {
  return {
    ...publication,
    ...(decision
      ? {
          decision: {
            action: decision.action,
            version: decision.version,
            basis: decision.basis,
            decidedAt: decision.decidedAt,
            decidedBy: decision.decidedBy,
            reason: decision.reason,
          },
        }
      : {}),
  };
}
