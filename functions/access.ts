/**
 * Who may read and act on an agency's reports, by the registry: an administrator on any; a clerk on their own
 * agency's; a reviewer on those of the agencies its office reviews, and on its own government's. The token names
 * the office; the registry says which agencies report to it, read at the time of the request.
 */
import type { AgencyRecord } from '../contract/registry';
import type { Principal } from './http/auth';
import { HttpError } from './http/errors';
import { agencyRecord } from './store';

const outOfScope = (agency: string) => new HttpError('E-AUTH-SCOPE', { zh: agency, en: agency });

/** Reads of an agency's reports (its versions, findings, review history). */
export async function requireReader(p: Principal, agency: string): Promise<void> {
  if (p.admin || p.agency === agency) return;
  if (p.office) {
    if (agency === p.office || (await agencyRecord(agency))?.office === p.office) return;
    throw outOfScope(agency);
  }
  if (!p.agency) throw new HttpError('E-AUTH-AGENCY');
  throw outOfScope(agency);
}

/** A review action (return, accept): the agency's office, or an administrator. Answers the agency's record. */
export async function requireReviewerOf(p: Principal, agency: string): Promise<AgencyRecord | undefined> {
  const record = await agencyRecord(agency);
  if (p.admin) return record;
  if (!p.office) throw new HttpError('E-AUTH-REVIEWER');
  if (!record || record.office !== p.office) throw outOfScope(agency);
  return record;
}

/** An office's own pages (its desk, its consolidated report, its agencies): its reviewer, or an administrator. */
export function requireOffice(p: Principal, office: string): void {
  if (p.admin || p.office === office) return;
  if (!p.office) throw new HttpError('E-AUTH-REVIEWER');
  throw outOfScope(office);
}

/** The office a request is about: `?office=` (admins may name any; a reviewer only its own), else the token's. */
export function officeOf(p: Principal, requested: string | undefined): string {
  const office = requested ?? p.office;
  if (!office) throw new HttpError(p.admin ? 'E-OFFICE-MISSING' : 'E-AUTH-REVIEWER');
  requireOffice(p, office);
  return office;
}
