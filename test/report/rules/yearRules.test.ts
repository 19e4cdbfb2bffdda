import { validate } from '../../../report/rules';
import type { Report } from '../../../report/model/types';
import { consistentReport } from '../../../harness/reports';

const of = (r: Report, rule: string, previous?: Report) => validate(r, { previous }).filter((f) => f.rule === rule);

/** This year's report continuing last year's: 二 = last 四, in force = last + issued − repealed. */
function pair(): { prev: Report; now: Report } {
  const prev = consistentReport({ seed: 21, year: 2024 });
  const now = consistentReport({ seed: 22, year: 2025 });
  for (const c of ['natural', 'business', 'research', 'nonprofit', 'legal', 'other', 'total']) {
    const carried = prev.values[`t3.carryOver.${c}`] as number;
    const delta = carried - (now.values[`t3.carried.${c}`] as number);
    now.values[`t3.carried.${c}`] = carried;
    now.values[`t3.new.${c}`] = (now.values[`t3.new.${c}`] as number) - delta;
  }
  // This year's prose is this year's own.
  now.sections.overview =
    '2025年，本机关围绕数据开放和政策解读两个重点推进公开工作，新建依申请公开网上办理系统，答复更加规范及时。';
  now.sections.problems = '主要问题：基层公开专栏更新不够及时。改进措施：建立专栏每月巡查制度，由办公室通报更新情况。';
  for (const row of ['rules', 'normative']) {
    now.values[`t2.${row}.inForce`] =
      (prev.values[`t2.${row}.inForce`] as number) +
      (now.values[`t2.${row}.issued`] as number) -
      (now.values[`t2.${row}.repealed`] as number);
  }
  return { prev, now };
}

describe('cross-year rules (YEAR-*)', () => {
  it('a report that continues last year’s passes, and YEAR-* need the previous report', () => {
    const { prev, now } = pair();
    // new may have gone negative in the adjustment: keep the fixture honest.
    expect(validate(now, { previous: prev }).filter((f) => f.severity !== 'info')).toEqual([]);
    now.values['t3.carried.natural'] = (now.values['t3.carried.natural'] as number) + 1;
    expect(of(now, 'YEAR-CARRY')).toEqual([]);
  });

  it('YEAR-CARRY: 二 differs from last year’s 四 in a column', () => {
    const { prev, now } = pair();
    prev.values['t3.carryOver.legal'] = (prev.values['t3.carryOver.legal'] as number) + 2;
    const f = of(now, 'YEAR-CARRY', prev);
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('error');
    expect(f[0]!.cells).toEqual([
      { id: 't3.carried.legal', table: '三', row: '二、上年结转政府信息公开申请数量', column: '法律服务机构' },
    ]);
    expect(f[0]!.message.zh).toContain('2024年度报告「四、结转下年度继续办理」');
  });

  it('YEAR-IN-FORCE: 现行有效件数 that does not follow from last year’s', () => {
    const { prev, now } = pair();
    now.values['t2.normative.inForce'] = (now.values['t2.normative.inForce'] as number) + 1;
    const f = of(now, 'YEAR-IN-FORCE', prev);
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('warning');
    expect(f[0]!.message.zh).toContain('行政规范性文件');
  });

  it('YEAR-COPY: a section copied from last year, or last year’s year left in the text', () => {
    const { prev, now } = pair();
    const text =
      '2024年，我局认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，全面推进决策、执行、管理、服务、结果公开。';
    prev.sections.overview = text;
    now.sections.overview = text.replace('2024年，', '2025年，');
    let f = of(now, 'YEAR-COPY', prev);
    expect(f).toHaveLength(1);
    expect(f[0]!.section).toBe('overview');
    now.sections.overview =
      '2025年，我局围绕数据开放和政策解读两个重点，新建了依申请公开网上办理系统，平均答复时间缩短到八个工作日。';
    expect(of(now, 'YEAR-COPY', prev)).toEqual([]);
    now.sections.problems = '2024年，我局政务公开工作取得新进展。但仍存在公开内容不够全面等问题。';
    f = of(now, 'YEAR-COPY');
    expect(f).toHaveLength(1);
    expect(f[0]!.excerpt).toContain('2024年，');
  });
});
