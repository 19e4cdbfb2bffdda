/**
 * A repository for one test file: dynalite on a random port with its own temp folder and table, the dev key, and
 * requests run through the local API Gateway adapter (the same path as `npm start`, without TLS).
 */
import { configureFunctions } from '../../functions/env';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FORMAT_2021 } from '../../report/format';
import { emptyReport } from '../../report/model';
import type { Report } from '../../report/model/types';
import { logger } from '../../functions/http/handler';
import { dispatch, type LocalResponse } from '../../dev/adapter';
import { devKey, signDevToken, verifyDevToken, type DevIdentity } from '../../dev/devAuth';
import { ensureTable, startDynalite } from '../../dev/dynamo';
import { startLocalPublishing, type LocalPublishing } from '../../dev/publishing';
import { publishedPaths, type NodeManifest } from '../../contract/published';
import { jsonOf } from '../../harness/https';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
// Quiet unless asked (TEST_LOG_LEVEL=ERROR shows the handlers' unexpected errors).
logger.setLogLevel((process.env.TEST_LOG_LEVEL ?? 'SILENT') as Parameters<typeof logger.setLogLevel>[0]);

export const DOMAIN = 'localhost:3000';

export interface Answer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
  readonly text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly json: any;
}

export interface RequestInit {
  readonly token?: string;
  readonly headers?: Record<string, string>;
  readonly body?: Buffer | string | object;
}

export interface TestRepository {
  readonly tableName: string;
  readonly endpoint: string;
  request(method: string, pathAndQuery: string, init?: RequestInit): Promise<Answer>;
  token(who: DevIdentity): Promise<string>;
  /** The published pages' builder and folder (GETs of /published/… and /open-data/… are answered from it). */
  readonly publishing: LocalPublishing;
  /**
   * A year's published tree, walked from its manifest: every index page, every CSV and JSON Lines page (paths and
   * texts), and the records of every page, parsed.
   */
  publishedYear(year: number): Promise<PublishedYear>;
  close(): Promise<void>;
}

function answer(r: LocalResponse): Answer {
  const text = r.body.toString('utf8');
  return { status: r.status, headers: r.headers, body: r.body, text, json: jsonOf(text) };
}

export interface PublishedYear {
  readonly index: { readonly path: string; readonly text: string }[];
  readonly csv: { readonly path: string; readonly text: string }[];
  readonly jsonl: { readonly path: string; readonly text: string }[];
  readonly records: Record<string, unknown>[];
}

async function walkYear(request: TestRepository['request'], year: number): Promise<PublishedYear> {
  const out = { index: [], csv: [], jsonl: [], records: [] } as {
    index: { path: string; text: string }[];
    csv: { path: string; text: string }[];
    jsonl: { path: string; text: string }[];
    records: Record<string, unknown>[];
  };
  const path = (url: string) => new URL(url, 'https://localhost').pathname;
  const fetch = async (p: string) => {
    const r = await request('GET', p);
    if (r.status !== 200) throw new Error(`GET ${p}: ${r.status}`);
    return r;
  };
  const visit = async (manifestPath: string): Promise<void> => {
    const m = (await fetch(manifestPath)).json as NodeManifest;
    for (const p of m.pages) {
      out.index.push({ path: path(p.html), text: (await fetch(path(p.html))).text });
      out.csv.push({ path: path(p.csv), text: (await fetch(path(p.csv))).text });
      const jsonl = (await fetch(path(p.jsonl))).text;
      out.jsonl.push({ path: path(p.jsonl), text: jsonl });
      for (const line of jsonl.split('\n')) if (line) out.records.push(JSON.parse(line) as Record<string, unknown>);
    }
    for (const c of m.children) await visit(path(c.manifest));
  };
  await visit(publishedPaths.manifest(year));
  return out;
}

export async function startRepository(suite: string): Promise<TestRepository> {
  const dir = mkdtempSync(join(tmpdir(), `nianbao-${suite}-`));
  const dynamo = await startDynalite({ path: join(dir, 'db') });
  const tableName = `test-${suite}-${process.pid}`;
  await ensureTable(dynamo.endpoint, tableName);
  configureFunctions({ tableName, endpoint: dynamo.endpoint, region: 'local', publicBaseUrl: `https://${DOMAIN}` });
  const key = await devKey(join(dir, 'data'));
  const publishing = startLocalPublishing({ dir: join(dir, 'published') });
  const repo: TestRepository = {
    tableName,
    endpoint: dynamo.endpoint,
    publishing,
    publishedYear: (year) => walkYear(repo.request, year),
    async request(method, pathAndQuery, init = {}) {
      const [path = '', rawQuery = ''] = pathAndQuery.split(/\?(.*)/s);
      if (method === 'GET') {
        const published = await publishing.serve(path);
        if (published) return answer(published);
      }
      const headers: Record<string, string> = {};
      let body: Buffer = Buffer.alloc(0);
      if (init.body !== undefined) {
        if (Buffer.isBuffer(init.body)) body = init.body;
        else if (typeof init.body === 'string') body = Buffer.from(init.body, 'utf8');
        else {
          body = Buffer.from(JSON.stringify(init.body), 'utf8');
          headers['content-type'] = 'application/json';
        }
      }
      for (const [k, v] of Object.entries(init.headers ?? {})) headers[k.toLowerCase()] = v;
      if (init.token) headers.authorization = `Bearer ${init.token}`;
      return answer(
        await dispatch(
          { method, path, rawQuery, headers, body },
          { domainName: DOMAIN, verify: (t) => verifyDevToken(key, t) },
        ),
      );
    },
    token: (who) => signDevToken(key, who),
    async close() {
      await publishing.close();
      await dynamo.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return repo;
}

let keyCounter = 0;
export const newKey = (label = 'k') => `${label}-${process.pid}-${Date.now()}-${++keyCounter}`;

const PROSE: readonly (readonly [string, string])[] = [
  [
    '本机关依法做好政府信息公开工作，主动公开各类政府信息，及时答复依申请公开。',
    '公开内容的及时性有待提高。下一步将加强培训，完善制度。',
  ],
  [
    '我局围绕中心工作深化政务公开，政策解读与回应关切同步推进，平台建设持续加强。',
    '个别栏目更新不够及时。今后将落实专人维护，定期自查。',
  ],
  [
    '全局上下把公开作为常态，规范发布流程，强化保密审查，畅通申请渠道。',
    '解读形式比较单一。拟增加图解和问答，方便群众理解。',
  ],
];

/**
 * A small report without errors or warnings: 3 applications (2 granted, 1 not held), no review cases, every cell
 * filled, prose that states its figures consistently and says no fee was charged.
 */
export function consistentReport(year = 2021, agency = '测试市人力资源和社会保障局'): Report {
  if (year < 2021) throw new Error('the fixture is in the 2021 format (reporting years 2021 on)');
  const r = emptyReport({ year, agency });
  for (const c of FORMAT_2021.cells) r.values[c.id] = 0;
  Object.assign(r.values, {
    't2.normative.issued': 1,
    't2.normative.inForce': 5 + (year - 2021), // one issued a year, none repealed: consistent across years (YEAR-IN-FORCE)
    't3.new.natural': 3,
    't3.new.total': 3,
    't3.granted.natural': 2,
    't3.granted.total': 2,
    't3.unableNotHeld.natural': 1,
    't3.unableNotHeld.total': 1,
    't3.total.natural': 3,
    't3.total.total': 3,
  });
  for (const id of Object.keys(r.values))
    if (!FORMAT_2021.cellById.has(id)) throw new Error(`fixture names unknown cell ${id}`);
  // Different words each year, so that consecutive years do not read as copies (YEAR-COPY).
  const [overview, problems] = PROSE[year % PROSE.length]!;
  r.sections.overview = `${year}年，${overview}`;
  r.sections.problems = problems;
  r.sections.other = '本年度未收取信息处理费。';
  return r;
}
