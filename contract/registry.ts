/**
 * The agency registry, as it crosses HTTP: who reports to whom. Every agency has an official name, a level and a
 * kind, the government it belongs to (its parent) and the government whose office reviews its report (its
 * office). Administrators load it from a CSV (`nianbao agencies import FILE.csv`, docs/reviewer-guide.md); the
 * columns are defined here once, for the server's parser, the docs and the CLI's help.
 */
import type { Bilingual } from './bilingual';

/** 省、市、县、乡 (乡 includes 镇 and 街道). */
export const LEVELS = ['省', '市', '县', '乡'] as const;
export type AgencyLevel = (typeof LEVELS)[number];

/** 政府: a people's government (its 本级政府 report, its office reviews others); 部门: a department. */
export const KINDS = ['政府', '部门'] as const;
export type AgencyKind = (typeof KINDS)[number];

/** When a report reviewed by an office becomes public: once it is accepted (通过, the default), or when submitted. */
export type PublishOn = 'acceptance' | 'submission';
/** Which reports an office's consolidated report sums: its own government's departments, or every agency it reviews. */
export type ConsolidationScope = 'departments' | 'all';

/** Legal deadlines as month-day (Beijing time, end of day): 条例 art. 49, configurable per province. */
export interface Deadlines {
  /** Departments' reports, to their office: 31 January by law. */
  readonly departments: string;
  /** The 本级政府 report: 31 March by law. */
  readonly governments: string;
}

export const LEGAL_DEADLINES: Deadlines = { departments: '01-31', governments: '03-31' };

/** What a government's row may set for the office that reviews in its name. */
export interface OfficeSettings {
  readonly publishOn: PublishOn;
  readonly consolidate: ConsolidationScope;
  /** Top-level governments (provinces) only: the deadlines of everything below them. */
  readonly deadlines?: Deadlines;
}

export const DEFAULT_OFFICE_SETTINGS: OfficeSettings = { publishOn: 'acceptance', consolidate: 'departments' };

export interface AgencyRecord {
  /** The id reports are filed under (custom:agency), e.g. yiyang-hrss. */
  readonly agency: string;
  /** The registered official name: published pages, the index and open data use it. */
  readonly name: string;
  readonly level: AgencyLevel;
  readonly kind: AgencyKind;
  /** The government it belongs to (a department's own government; a government's government one level up). */
  readonly parent: string | null;
  /** The government whose office reviews its report (default: its parent); null for the top. */
  readonly office: string | null;
  /** Its ancestors, top first (province, city, county): what the public index groups by. */
  readonly path: readonly string[];
  readonly email?: string;
  /** Governments: the settings of their office. */
  readonly settings?: OfficeSettings;
  /** When its reports become public: its office's setting (on submission when it has no office). */
  readonly publishOn: PublishOn;
  readonly updatedAt: string;
}

/** One page of a listing; `next` is an opaque cursor for the next page, absent on the last. */
export interface AgencyPage {
  readonly agencies: readonly AgencyRecord[];
  readonly next?: string;
}

export const AGENCY_PAGE = { default: 200, max: 500 } as const;

/** The answer to an import: how many rows, and how many records were added, changed or left as they were. */
export interface ImportAnswer {
  readonly rows: number;
  readonly added: number;
  readonly changed: number;
  readonly unchanged: number;
  /** Records not in the file that were brought in line (descendants whose path or office setting changed). */
  readonly cascaded: number;
}

/** A row the import refused: its line in the file (1 is the header), the column, what is wrong. */
export interface ImportLineError {
  readonly line: number;
  readonly column?: string;
  readonly message: Bilingual;
}

/** The most rows one import takes (a province's hierarchy; larger ones are imported in parts, top first). */
export const MAX_IMPORT_ROWS = 20_000;

export type RegistryField =
  | 'agency'
  | 'name'
  | 'level'
  | 'kind'
  | 'parent'
  | 'office'
  | 'email'
  | 'publishOn'
  | 'consolidate'
  | 'departmentDeadline'
  | 'governmentDeadline';

/** The CSV's columns: a header row names them in Chinese or English, in any order; the first four are required. */
export const REGISTRY_COLUMNS: readonly {
  readonly field: RegistryField;
  readonly zh: string;
  readonly required: boolean;
  readonly what: Bilingual;
}[] = [
  { field: 'agency', zh: '机关代码', required: true, what: { zh: '小写字母、数字、连字符', en: 'lower-case slug' } },
  { field: 'name', zh: '机关名称', required: true, what: { zh: '登记的正式名称', en: 'the official name' } },
  { field: 'level', zh: '层级', required: true, what: { zh: '省、市、县、乡', en: '省, 市, 县 or 乡' } },
  { field: 'kind', zh: '类别', required: true, what: { zh: '政府 或 部门', en: '政府 (government) or 部门' } },
  {
    field: 'parent',
    zh: '上级政府',
    required: false,
    what: {
      zh: '所属政府的机关代码：部门填本级政府，政府填上一级政府；最上一级留空',
      en: "the government it belongs to: a department's own, a government's one level up; empty at the top",
    },
  },
  {
    field: 'office',
    zh: '审核机关',
    required: false,
    what: {
      zh: '审核其年报的政府（由该政府的信息公开工作主管部门审核）；默认同上级政府',
      en: 'the government whose office reviews its report; default: its parent',
    },
  },
  { field: 'email', zh: '联系邮箱', required: false, what: { zh: '催报提醒发往此地址', en: 'reminders go here' } },
  {
    field: 'publishOn',
    zh: '公开方式',
    required: false,
    what: {
      zh: '仅政府行：其审核的年报「通过后公开」（默认）或「报送后公开」',
      en: 'governments only: reports it reviews are public once accepted (通过后公开, default) or on submission (报送后公开)',
    },
  },
  {
    field: 'consolidate',
    zh: '汇总范围',
    required: false,
    what: {
      zh: '仅政府行：汇总报告合计「本级部门」（默认）或「全部」所审核的机关',
      en: 'governments only: the consolidated report sums its departments (本级部门, default) or every agency it reviews (全部)',
    },
  },
  {
    field: 'departmentDeadline',
    zh: '部门截止日',
    required: false,
    what: {
      zh: '仅最上一级政府（省）：部门年报截止日 MM-DD，默认 01-31',
      en: "top-level governments only: departments' deadline, MM-DD (default 01-31)",
    },
  },
  {
    field: 'governmentDeadline',
    zh: '政府截止日',
    required: false,
    what: {
      zh: '仅最上一级政府（省）：本级政府年报截止日 MM-DD，默认 03-31',
      en: "top-level governments only: the 本级政府 report's deadline, MM-DD (default 03-31)",
    },
  },
];

/** Words the publishOn and consolidate columns take (Chinese or English). */
export const PUBLISH_ON_WORDS: Readonly<Record<string, PublishOn>> = {
  通过后公开: 'acceptance',
  acceptance: 'acceptance',
  报送后公开: 'submission',
  submission: 'submission',
};
export const CONSOLIDATE_WORDS: Readonly<Record<string, ConsolidationScope>> = {
  本级部门: 'departments',
  departments: 'departments',
  全部: 'all',
  all: 'all',
};
