/**
 * Precision before recall: sentences typical of these reports that state counts of something other than
 * disclosure applications, reviews or documents issued must give no claim (and so no TEXT-COUNT).
 */
import { emptyReport } from '../../../../report/model';
import { analyseProse } from '../../../../report/rules/text/extract';
import { reportWith, textFindings } from './helpers';

const NOT_CLAIMS = [
  '2021年收到网民来信、咨询、诉求共219条信息,均及时有效地回复解决。',
  '全年共受理市长热线816件、市长(局长)信箱信件405件,全部在规定时限内予以回复。',
  '全年来,先后11次解读相关政策。',
  '针对编制《益阳市“十四五”人力资源和社会保障事业发展规划》先后2次公开征求意见。',
  '主动公开市政府规章13件(含新制定5件,修改4件,废止4件),主动公开行政规范性文件42件。',
  '全年共发布各类信息46106条，市政府领导出席新闻发布会共计25人次。',
  '办理人大代表建议45件、政协提案60件，办结率100%。',
  '全年共受理12345热线工单3000件，按时办结率99.5%。',
  '政务服务中心全年受理各类申请事项5.6万件，办结5.5万件。',
  '全年受理行政许可申请1200件，均在法定时限内办结。',
  '组织政务公开业务培训3次，参训人员120人次。',
  '依据国办公开办函〔2021〕30号，统计期限为2021年1月1日至12月31日。',
  '修订内部规章制度5项，制定工作方案3份。',
  '推行行政执法三项制度，第一次全面梳理权责清单。',
  '实行一次性告知，推动一件事一次办。',
];

describe('sentences that are not about applications give no claim', () => {
  it.each(NOT_CLAIMS)('%s', (sentence) => {
    const r = emptyReport({ year: 2023 });
    r.sections.overview = sentence;
    expect(analyseProse(r).claims.filter((c) => c.targets.length > 0)).toEqual([]);
  });

  it('and no TEXT finding at all against tables of zeros, with 六 stating the fees', () => {
    const overview = NOT_CLAIMS.join('');
    expect(textFindings(reportWith({ overview, other: '本年度未收取信息处理费。' }))).toEqual([]);
  });
});
