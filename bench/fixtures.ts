/**
 * What the benchmarks work on: the seed (the consistent Yiyang report of test/fixtures/central, ~1.7 K characters
 * of prose) and a large city's report — big numbers in every cell of the tables and 50 KB (UTF-8) of prose that
 * states its figures in the official terms (so the TEXT rules have claims to hold against the tables) among the
 * usual sentences full of other numbers. Both validate without errors; reports of later years follow from them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FORMAT_2021, cellId } from '../report/format';
import { importText } from '../report/import';
import type { Report } from '../report/model/types';
import { table3ResultRows } from '../report/rules/tableRules';
import { rng } from '../harness/reports';

export const ROOT = join(__dirname, '..');
export const SEED_FILE = join(ROOT, 'test', 'fixtures', 'central', 'yiyang-hrss-2021-consistent.txt');

/** The seed as the importer reads it (the same report `nianbao submit` sends for that file). */
export function seedReport(): Report {
  return importText(readFileSync(SEED_FILE, 'utf8'), { year: 2021 }).report;
}

const PARTS = FORMAT_2021.table3.columns.map((c) => c.key).filter((k) => k !== 'total');

/** Tables of a large city: every input cell holds a number in the hundreds to tens of thousands. */
function largeValues(seed: number): Report['values'] {
  const rand = rng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const values: Report['values'] = {};
  for (const c of FORMAT_2021.cells.filter((c) => c.table === '二')) {
    values[c.id] =
      c.kind === 'fee' || c.kind === 'amount'
        ? int(100, 99_999) / 100
        : c.kind === 'signedCount'
          ? int(-40, 40)
          : int(100, 20_000);
  }
  const results = table3ResultRows(FORMAT_2021);
  for (const part of PARTS) {
    let handled = 0;
    for (const r of results) handled += values[cellId('三', r, part)] = int(100, 5_000);
    values[cellId('三', 'total', part)] = handled;
    const carryOver = int(100, 900);
    const carried = int(100, 900);
    values[cellId('三', 'carryOver', part)] = carryOver;
    values[cellId('三', 'carried', part)] = carried;
    values[cellId('三', 'new', part)] = handled + carryOver - carried;
  }
  for (const row of FORMAT_2021.table3.rows.filter((r) => r.hasValues)) {
    values[cellId('三', row.key, 'total')] = PARTS.reduce(
      (s, p) => s + (values[cellId('三', row.key, p)] as number),
      0,
    );
  }
  for (const g of FORMAT_2021.table4.groups) {
    let total = 0;
    for (const c of ['upheld', 'corrected', 'other', 'pending'])
      total += values[cellId('四', g.key, c)] = int(100, 3_000);
    values[cellId('四', g.key, 'total')] = total;
  }
  return values;
}

/** Sentences of a large city's overview: activities full of numbers that are not application counts. */
const ACTIVITY = [
  (n: () => number) =>
    `全市各级行政机关通过政府门户网站主动公开政府信息${n()}条，其中政策文件${n()}件、政策解读${n()}篇（图解${n()}篇、视频${n()}个）。`,
  (n: () => number) =>
    `召开新闻发布会${n()}场，在线访谈${n()}期，回应社会关切${n()}个，政务新媒体发布信息${n()}条，阅读量达${n()}万人次。`,
  (n: () => number) =>
    `组织政务公开专题培训${n()}次，参训人员${n()}人次；开展基层政务公开标准化规范化建设，覆盖${n()}个乡镇（街道）和${n()}个村（社区）。`,
  (n: () => number) =>
    `政府信息公开专栏更新财政预决算信息${n()}条、重大建设项目信息${n()}条、公共资源配置信息${n()}条，办理人大代表建议和政协委员提案${n()}件。`,
  (n: () => number) =>
    `12345政务服务便民热线受理群众诉求${n()}件，按时办结率99.${n() % 10}%，群众满意率98.${n() % 10}%；政府网站全年访问量${n()}万次。`,
];

/** The same work described another year: other words. */
const ACTIVITY_OTHER_YEAR = [
  (n: () => number) =>
    `依托政府网站集约化平台，各部门累计发布各类政务信息${n()}条，更新政策文件库${n()}件，开展政策“一对一”解读${n()}次。`,
  (n: () => number) =>
    `围绕优化营商环境、乡村振兴等重点领域，举办政策吹风会${n()}场，制作短视频${n()}部，网民留言办结${n()}条。`,
  (n: () => number) =>
    `持续推进基层政务公开标准目录动态调整，修订目录事项${n()}项，建成政务公开专区${n()}个，接待群众查阅${n()}人次。`,
  (n: () => number) =>
    `财政资金直达、民生实事项目、重大行政决策等信息及时上网，全年征集意见建议${n()}条，采纳${n()}条。`,
  (n: () => number) =>
    `组织业务骨干轮训${n()}期，覆盖工作人员${n()}名，对${n()}家单位开展网站和新媒体检查，整改问题${n()}个。`,
];

/** The overview states the year's figures as the tables have them, then describes the work at length. */
function largeProse(
  values: Report['values'],
  year: number,
  seed: number,
  bytes: number,
  activity = ACTIVITY,
): Report['sections'] {
  const size = (parts: string[]) => Buffer.byteLength(parts.join(''), 'utf8');
  const v = (id: string) => values[id] as number;
  const rand = rng(seed + 7);
  const n = () => 10 + Math.floor(rand() * 90_000);
  const results = [
    `全年新收政府信息公开申请${v('t3.new.total')}件，上年结转${v('t3.carried.total')}件。`,
    `其中予以公开${v('t3.granted.total')}件，部分公开${v('t3.partial.total')}件，无法提供${v('t3.unableNotHeld.total') + v('t3.unableNeedCreate.total') + v('t3.unableUnclear.total')}件，结转下年度继续办理${v('t3.carryOver.total')}件。`,
    `因政府信息公开被申请行政复议${v('t4.review.total')}件，其中结果维持${v('t4.review.upheld')}件，结果纠正${v('t4.review.corrected')}件。`,
    `本年度制发规范性文件${v('t2.normative.issued')}件，现行有效规范性文件${v('t2.normative.inForce')}件。`,
  ];
  const para: string[] = [`${year}年，在市委、市政府的坚强领导下，全市政府信息公开工作扎实推进。`, ...results];
  for (let i = 0; size(para) < bytes * 0.7; i++) {
    const s = activity[i % activity.length]!(n);
    para.push(i % 7 === 6 ? `${s}\n` : s);
  }
  const problems: string[] = ['一是部分单位主动公开的及时性和规范性仍有差距。二是政策解读的形式和深度有待提升。'];
  for (let i = 0; size(problems) < bytes * 0.28; i++) {
    problems.push(
      activity === ACTIVITY
        ? `下一步，将围绕第${i + 1}项重点任务，组织专题培训${n()}次、督查${n()}次，推动政务公开提质增效。`
        : `针对第${i + 1}类问题，已督促${n()}家单位限期整改，新建制度${n()}项，整改完成率${n() % 100}%。`,
    );
  }
  return {
    overview: para.join(''),
    problems: problems.join('\n'),
    other: `本年度发出收费通知${v('t3.otherUnpaid.total')}件，申请人均未按期缴费，未实际收取信息处理费。全年无其他需要报告的事项。`,
  };
}

/** A large city's report (2021 format): big numbers everywhere, about `proseBytes` of prose (UTF-8). */
export function largeCityReport(
  opts: { year?: number; seed?: number; proseBytes?: number; otherWords?: boolean } = {},
): Report {
  const year = opts.year ?? 2021;
  const values = largeValues(opts.seed ?? 7);
  return {
    format: '2021',
    agency: '某某市人民政府办公室',
    year,
    sections: largeProse(
      values,
      year,
      opts.seed ?? 7,
      opts.proseBytes ?? 50_000,
      opts.otherWords ? ACTIVITY_OTHER_YEAR : ACTIVITY,
    ),
    values,
  };
}

/**
 * A large city's report and its report of the year before, consistent across the years as an accepted report is
 * (二、上年结转 = last year's 四, documents in force carried on), with prose written afresh around the same work.
 */
export function largeCityYears(year: number, proseBytes = 50_000): { report: Report; previous: Report } {
  const previous = largeCityReport({ year: year - 1, seed: 5, proseBytes, otherWords: true });
  const report = largeCityReport({ year, seed: 11, proseBytes });
  const v = report.values;
  for (const part of PARTS) {
    const carried = previous.values[cellId('三', 'carryOver', part)] as number;
    const total = v[cellId('三', 'total', part)] as number;
    const carryOver = v[cellId('三', 'carryOver', part)] as number;
    v[cellId('三', 'carried', part)] = carried;
    v[cellId('三', 'new', part)] = total + carryOver - carried;
  }
  for (const row of ['carried', 'new'])
    v[cellId('三', row, 'total')] = PARTS.reduce((s, p) => s + (v[cellId('三', row, p)] as number), 0);
  for (const row of FORMAT_2021.table2[0]!.rows) {
    const id = (col: string) => cellId('二', row.key, col);
    v[id('repealed')] = Math.min(v[id('repealed')] as number, previous.values[id('inForce')] as number);
    v[id('inForce')] =
      (previous.values[id('inForce')] as number) + (v[id('issued')] as number) - (v[id('repealed')] as number);
  }
  // The overview states the year's figures: written again from the final tables.
  report.sections = largeProse(v, year, 11, proseBytes);
  return { report, previous };
}

/** The prose's size in UTF-8 bytes. */
export const proseBytes = (r: Report): number =>
  Buffer.byteLength(`${r.sections.overview ?? ''}${r.sections.problems ?? ''}${r.sections.other ?? ''}`, 'utf8');
