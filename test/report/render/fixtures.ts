/** Reports for the render tests: consistent ones in both formats and a hostile one. Built here, not committed as data. */
import { FORMAT_2019, FORMAT_2021 } from '../../../report/format';
import type { FormatDef } from '../../../report/format/types';
import type { Report } from '../../../report/model/types';

const APPLICANTS = ['natural', 'business', 'research', 'nonprofit', 'legal', 'other'] as const;

/** Table 三 from per-row applicant counts (rows not named are all 0); 总计 and （七）总计 computed so it balances. */
function table3(format: FormatDef, rows: Record<string, number[]>): Record<string, number> {
  const values: Record<string, number> = {};
  const valued = format.table3.rows.filter((r) => r.hasValues);
  const results = valued.filter((r) => r.parent && r.key !== 'total').map((r) => r.key);
  for (const row of valued) {
    const counts =
      row.key === 'total'
        ? APPLICANTS.map((_, i) => results.reduce((s, k) => s + (rows[k]?.[i] ?? 0), 0))
        : APPLICANTS.map((_, i) => rows[row.key]?.[i] ?? 0);
    APPLICANTS.forEach((col, i) => (values[`t3.${row.key}.${col}`] = counts[i]!));
    values[`t3.${row.key}.total`] = counts.reduce((a, b) => a + b, 0);
  }
  return values;
}

function table4(groups: Record<string, [number, number, number, number]>): Record<string, number> {
  const values: Record<string, number> = {};
  for (const g of ['review', 'litigationDirect', 'litigationAfterReview']) {
    const [upheld, corrected, other, pending] = groups[g] ?? [0, 0, 0, 0];
    Object.assign(values, {
      [`t4.${g}.upheld`]: upheld,
      [`t4.${g}.corrected`]: corrected,
      [`t4.${g}.other`]: other,
      [`t4.${g}.pending`]: pending,
      [`t4.${g}.total`]: upheld + corrected + other + pending,
    });
  }
  return values;
}

// 一 + 二 = （七） + 四 in every column: natural 5+1 = 3+1+1+1; business 2 = 1+1; nonprofit 1 = 1; legal 1 = 1.
const T3_ROWS = {
  new: [5, 2, 0, 1, 1, 0],
  carried: [1, 0, 0, 0, 0, 0],
  granted: [3, 1, 0, 0, 1, 0],
  partial: [1, 0, 0, 0, 0, 0],
  deniedThirdParty: [1, 0, 0, 0, 0, 0],
  unableNotHeld: [0, 1, 0, 1, 0, 0],
  unprocessedRepeat: [1, 0, 0, 0, 0, 0],
};

export function consistentReport2021(): Report {
  return {
    format: '2021',
    agency: '益阳市人力资源和社会保障局',
    year: 2021,
    preamble:
      '本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）第五十条规定编制。本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。',
    sections: {
      overview: [
        '（一）主动公开',
        '2021年，我局主动公开政府信息2300余条，其中制发行政规范性文件1件，现行有效行政规范性文件16件。',
        '（二）依申请公开',
        '全年新收政府信息公开申请9件，上年结转1件，均在法定期限内办结。予以公开5件，部分公开1件，不予公开1件，无法提供2件，不予处理1件。',
        '（三）政府信息管理',
        '严格落实公文公开属性源头认定制度和信息发布审查制度，做到“先审查、后发布”。',
        '（四）政府信息公开平台建设',
        '持续优化门户网站政府信息公开专栏，及时更新就业创业、社会保障等栏目。',
        '（五）监督保障',
        '将政务公开工作纳入年度绩效考核，开展政务公开培训2次。',
      ].join('\n'),
      problems:
        '存在的主要问题：公开内容的深度和广度仍需拓展，政策解读形式较为单一。\n改进情况：下一步，我局将丰富政策解读形式，推动信息公开常态化、规范化。',
      other: '本年度未向申请人收取信息处理费，未发出收费通知。\n无其他需要报告的事项。',
    },
    values: {
      't2.rules.issued': 0,
      't2.rules.repealed': 0,
      't2.rules.inForce': 0,
      't2.normative.issued': 1,
      't2.normative.repealed': 0,
      't2.normative.inForce': 16,
      't2.license.decisions': 4,
      't2.penalty.decisions': 3,
      't2.coercion.decisions': 0,
      't2.fees.amount': 8.9772,
      ...table3(FORMAT_2021, T3_ROWS),
      ...table4({ review: [1, 0, 0, 0], litigationDirect: [0, 0, 0, 1], litigationAfterReview: [0, 0, 0, 0] }),
    },
  };
}

/** The trial format, with a negative 本年增/减 (allowed there) and the one-row （六）其他处理. */
export function consistentReport2019(): Report {
  return {
    format: '2019',
    agency: '某市某局',
    year: 2020,
    preamble: null,
    sections: { overview: '总体情况。', problems: '存在问题。', other: '本年度未收取信息处理费。' },
    values: {
      't2.rules.made': 0,
      't2.rules.published': 0,
      't2.rules.total': 0,
      't2.normative.made': 2,
      't2.normative.published': 2,
      't2.normative.total': 15,
      't2.license.previous': 40,
      't2.license.change': -3,
      't2.license.decisions': 120,
      't2.otherServices.previous': 12,
      't2.otherServices.change': 0,
      't2.otherServices.decisions': 30,
      't2.penalty.previous': 20,
      't2.penalty.change': 1,
      't2.penalty.decisions': 9,
      't2.coercion.previous': 5,
      't2.coercion.change': 0,
      't2.coercion.decisions': 0,
      't2.fees.previous': 2,
      't2.fees.change': -1,
      't2.procurement.count': 6,
      't2.procurement.amount': 132.5,
      ...table3(FORMAT_2019, { ...T3_ROWS, other: [0, 0, 0, 0, 0, 0] }),
      ...table4({}),
    },
  };
}

/** Payloads that must stay text: element injection, attribute breakout, URL schemes, entity tricks. */
export const PAYLOADS = [
  '<script>window.__pwned=1;alert(1)</script>',
  '"><img src=x onerror="window.__pwned=2;alert(2)">',
  "'><svg onload=window.__pwned=3>",
  '</textarea></title></style><iframe srcdoc="<script>parent.__pwned=4</script>">',
  '<a href="javascript:window.__pwned=5">点我</a>',
  '&lt;script&gt;已转义的文本&lt;/script&gt;',
] as const;

/** A consistent report with every payload in the agency name, the preamble, every prose section and text cells. */
export function hostileReport(): Report {
  const r = consistentReport2021();
  const all = PAYLOADS.join('\n');
  r.agency = `恶意机关${PAYLOADS[0]}${PAYLOADS[1]}`;
  r.preamble = PAYLOADS[1];
  r.sections = { overview: all, problems: `（一）${PAYLOADS[2]}\n${PAYLOADS[3]}`, other: PAYLOADS[4] + PAYLOADS[5] };
  r.values['t3.new.legal'] = PAYLOADS[0];
  r.values['t2.fees.amount'] = PAYLOADS[1];
  r.values['t4.review.other'] = PAYLOADS[3];
  return r;
}
