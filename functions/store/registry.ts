/**
 * The agency registry in the table: a profile item per agency (AGENCY#<id>/PROFILE, the record), and a member item
 * (a copy of the record) under the office that reviews it (OFFICE#<office>/A#<id>) and under the government it
 * belongs to (REGION#<parent>/A#<id>, REGION#- for the top), so an office's agencies and a region's are each one
 * paged query, read consistently. An import writes members first and profiles last: a crash between leaves the
 * old profile, so running the same import again finds the difference and finishes the job.
 */
import { AGENCY_ID } from '../../contract/limits';
import type { AgencyPage, AgencyRecord, ImportAnswer, ImportLineError } from '../../contract/registry';
import { deriveRecords, sameRecord } from '../registry/derive';
import { parseRegistry } from '../registry/rows';
import { table, type BatchWrite, type Item } from './client';
import { KEY, YEAR_INDEX, keys, shardOf } from './table';

const RECORD_FIELDS = [
  'agency',
  'level',
  'kind',
  'parent',
  'office',
  'path',
  'email',
  'settings',
  'publishOn',
  'updatedAt',
] as const;

const profileKey = (agency: string) => ({ [KEY.partition]: keys.agency(agency), [KEY.sort]: keys.agencySort });

/** A registry record from a profile or member item; undefined for a profile the registry never wrote (add-user). */
export function toRecord(item: Item | undefined): AgencyRecord | undefined {
  if (!item || typeof item.level !== 'string' || typeof item.kind !== 'string') return undefined;
  const out: Record<string, unknown> = { name: item.agencyName };
  for (const f of RECORD_FIELDS) if (item[f] !== undefined) out[f] = item[f];
  out.parent ??= null;
  out.office ??= null;
  out.path ??= [];
  return out as unknown as AgencyRecord;
}

function recordItem({ name, ...rest }: AgencyRecord): Item {
  return { ...rest, agencyName: name };
}

export async function agencyRecord(agency: string): Promise<AgencyRecord | undefined> {
  const { db } = table();
  return toRecord((await db.get({ Key: profileKey(agency), ConsistentRead: true })).Item);
}

/** The registered official name: the registry's, or the name an administrator gave when adding the account. */
export async function registeredName(agency: string): Promise<{ name?: string; record?: AgencyRecord }> {
  const { db } = table();
  const item = (await db.get({ Key: profileKey(agency), ConsistentRead: true })).Item;
  const name = typeof item?.agencyName === 'string' && item.agencyName.trim() ? item.agencyName.trim() : undefined;
  const record = toRecord(item);
  return { ...(name ? { name } : {}), ...(record ? { record } : {}) };
}

export async function agencyRecords(ids: Iterable<string>): Promise<Map<string, AgencyRecord>> {
  const { db } = table();
  const items = await db.batchGet([...new Set(ids)].map(profileKey));
  const out = new Map<string, AgencyRecord>();
  for (const item of items) {
    const r = toRecord(item);
    if (r) out.set(r.agency, r);
  }
  return out;
}

export type AgencyGroup = { readonly office: string } | { readonly region: string | null };

const groupKey = (g: AgencyGroup) => ('office' in g ? keys.office(g.office) : keys.region(g.region));

export class CursorError extends Error {}

function encodeCursor(sk: string): string {
  return Buffer.from(sk, 'utf8').toString('base64url');
}

/** A cursor is the last member key read: anything else (garbled, forged) is refused before it reaches the table. */
function decodeCursor(cursor: string): string {
  const sk = /^[A-Za-z0-9_-]{1,120}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  if (!sk.startsWith(keys.memberPrefix) || !AGENCY_ID.test(sk.slice(keys.memberPrefix.length)))
    throw new CursorError(cursor);
  return sk;
}

/**
 * One page of the agencies an office reviews, or that belong to a government (`region`; null: the top level), in
 * id order. The cursor of one answer asks for the next page. One item more than the page is read, so `next` is
 * given exactly when more remain (no empty last page), and whenever the table read stopped short (its 1 MB page):
 * a page is never taken for the last because it came back short.
 */
export async function listAgencyPage(
  group: AgencyGroup,
  opts: { limit: number; cursor?: string },
): Promise<AgencyPage> {
  const { db } = table();
  const pk = groupKey(group);
  const out = await db.query({
    KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
    ExpressionAttributeNames: { '#pk': KEY.partition, '#sk': KEY.sort },
    ExpressionAttributeValues: { ':pk': pk, ':prefix': keys.memberPrefix },
    ConsistentRead: true,
    Limit: opts.limit + 1,
    ...(opts.cursor ? { ExclusiveStartKey: { [KEY.partition]: pk, [KEY.sort]: decodeCursor(opts.cursor) } } : {}),
  });
  const items = out.Items.slice(0, opts.limit);
  const agencies = items.map(toRecord).filter((r): r is AgencyRecord => r !== undefined);
  const more = out.Items.length > opts.limit || out.LastEvaluatedKey !== undefined;
  const last = items[items.length - 1]?.[KEY.sort];
  return { agencies, ...(more && typeof last === 'string' ? { next: encodeCursor(last) } : {}) };
}

/** Every agency of a group (an office reviews a few hundred at most): all pages. */
export async function agenciesOf(group: AgencyGroup): Promise<AgencyRecord[]> {
  const { db } = table();
  const out: AgencyRecord[] = [];
  const pages = db.pages({
    KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
    ExpressionAttributeNames: { '#pk': KEY.partition, '#sk': KEY.sort },
    ExpressionAttributeValues: { ':pk': groupKey(group), ':prefix': keys.memberPrefix },
    ConsistentRead: true,
  });
  for await (const items of pages)
    for (const item of items) out.push(...[toRecord(item)].filter((r) => r !== undefined));
  return out;
}

export type ImportOutcome =
  { readonly ok: true; readonly answer: ImportAnswer } | { readonly ok: false; readonly errors: ImportLineError[] };

/**
 * Loads a registry CSV: every row checked first (any fault → the faults, nothing written), then the records that
 * differ from what is stored are written, with those below a government whose path or publication setting changed.
 * The same file twice changes nothing the second time.
 */
export async function importRegistry(text: string, now = new Date().toISOString()): Promise<ImportOutcome> {
  const parsed = parseRegistry(text);
  if (parsed.errors.length) return { ok: false, errors: parsed.errors };
  const wanted = new Set<string>();
  for (const r of parsed.rows) {
    wanted.add(r.agency);
    if (r.parent) wanted.add(r.parent);
    if (r.office) wanted.add(r.office);
  }
  const { db } = table();
  const stored = new Map((await db.batchGet([...wanted].map(profileKey))).map((i) => [i.agency as string, i]));
  const existing = new Map<string, AgencyRecord>();
  for (const [id, item] of stored) {
    const r = toRecord(item);
    if (r) existing.set(id, r);
  }
  const derived = deriveRecords(parsed.rows, existing, now);
  if (derived.errors.length) return { ok: false, errors: derived.errors };

  const next = new Map<string, AgencyRecord>();
  let added = 0;
  for (const r of derived.records) {
    if (sameRecord(existing.get(r.agency), r)) continue;
    if (!existing.has(r.agency)) added++;
    next.set(r.agency, r);
  }
  const changedInFile = next.size;
  await cascade(next, existing, new Set(parsed.rows.map((r) => r.agency)), now);
  const unread = [...next.keys()].filter((id) => !stored.has(id));
  for (const item of await db.batchGet(unread.map(profileKey))) stored.set(item.agency as string, item);
  await write([...next.values()], existing, stored, now);
  return {
    ok: true,
    answer: {
      rows: parsed.rows.length,
      added,
      changed: changedInFile - added,
      unchanged: parsed.rows.length - changedInFile,
      cascaded: next.size - changedInFile,
    },
  };
}

/**
 * Brings in line the agencies outside the file below a government whose path changed (their paths), and those an
 * office reviews whose publication setting changed (their publishOn), level by level.
 */
async function cascade(
  next: Map<string, AgencyRecord>,
  existing: Map<string, AgencyRecord>,
  inFile: ReadonlySet<string>,
  now: string,
): Promise<void> {
  const queue = [...next.values()].filter((r) => r.kind === '政府');
  while (queue.length) {
    const gov = queue.shift()!;
    const before = existing.get(gov.agency);
    const pathChanged = before !== undefined && before.path.join('/') !== gov.path.join('/');
    const publishChanged = before !== undefined && before.settings?.publishOn !== gov.settings?.publishOn;
    const update = (member: AgencyRecord, change: Partial<AgencyRecord>) => {
      if (inFile.has(member.agency)) return;
      const base = next.get(member.agency) ?? member;
      existing.set(member.agency, existing.get(member.agency) ?? member);
      const updated = { ...base, ...change, updatedAt: now };
      if (sameRecord(base, updated)) return;
      next.set(member.agency, updated);
      if (updated.kind === '政府' && change.path) queue.push(updated);
    };
    if (pathChanged)
      for (const m of await agenciesOf({ region: gov.agency })) update(m, { path: [...gov.path, gov.agency] });
    if (publishChanged)
      for (const m of await agenciesOf({ office: gov.agency })) update(m, { publishOn: gov.settings!.publishOn });
  }
}

async function write(
  records: readonly AgencyRecord[],
  existing: ReadonlyMap<string, AgencyRecord>,
  stored: ReadonlyMap<string, Item>,
  now: string,
): Promise<void> {
  const members: BatchWrite[] = [];
  const profiles: BatchWrite[] = [];
  for (const r of records) {
    const item = recordItem(r);
    const before = existing.get(r.agency);
    if (r.office)
      members.push({
        put: { ...item, type: 'member', [KEY.partition]: keys.office(r.office), [KEY.sort]: keys.member(r.agency) },
      });
    members.push({
      put: { ...item, type: 'member', [KEY.partition]: keys.region(r.parent), [KEY.sort]: keys.member(r.agency) },
    });
    if (before?.office && before.office !== r.office)
      members.push({ delete: { [KEY.partition]: keys.office(before.office), [KEY.sort]: keys.member(r.agency) } });
    if (before && before.parent !== r.parent)
      members.push({ delete: { [KEY.partition]: keys.region(before.parent), [KEY.sort]: keys.member(r.agency) } });
    profiles.push({
      put: {
        ...item,
        ...profileKey(r.agency),
        type: 'agency',
        firstSeen: (stored.get(r.agency)?.firstSeen as string | undefined) ?? now,
        [YEAR_INDEX.partition]: keys.agenciesShard(shardOf(r.agency)),
        [YEAR_INDEX.sort]: r.agency,
      },
    });
  }
  const { db } = table();
  await db.batchWrite(members);
  await db.batchWrite(profiles);
}
