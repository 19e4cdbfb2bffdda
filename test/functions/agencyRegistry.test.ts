import { registerAgency } from '../../infra/admin';
import { consistentReport, newKey, startRepository, type TestRepository } from './helpers';

describe('agencies registered by the admin tool', () => {
  let repo: TestRepository;
  beforeAll(async () => (repo = await startRepository('registry')));
  afterAll(() => repo.close());

  it('appear to administrators as not submitted until their report is accepted', async () => {
    const admin = await repo.token({ agency: 'provincial-office', admin: true });
    await registerAgency(repo.tableName, 'local', {
      email: 'a@example.gov.cn',
      agency: 'yiyang-hrss',
      agencyName: '益阳市人力资源和社会保障局',
      admin: false,
    });
    let list = await repo.request('GET', '/api/reports?year=2021', { token: admin });
    expect(list.status).toBe(200);
    expect(list.json).toMatchObject({ year: 2021, submitted: 0, notSubmitted: 1 });
    expect(list.json.reports).toEqual([expect.objectContaining({ agency: 'yiyang-hrss', submitted: false })]);

    const clerk = await repo.token({ agency: 'yiyang-hrss' });
    const sent = await repo.request('POST', '/api/reports', {
      token: clerk,
      headers: { 'idempotency-key': newKey() },
      body: consistentReport(2021, '益阳市人力资源和社会保障局'),
    });
    expect(sent.status).toBe(201);
    list = await repo.request('GET', '/api/reports?year=2021', { token: admin });
    expect(list.json).toMatchObject({ submitted: 1, notSubmitted: 0 });
  });
});
