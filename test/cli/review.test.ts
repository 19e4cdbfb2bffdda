/**
 * The reviewer's and administrator's commands against the local stack (HTTPS, the adapter, dynalite):
 * agencies import and list, dev-token for a reviewer.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run as agencies } from '../../cli/commands/agencies';
import { run as devToken } from '../../cli/commands/devToken';
import { captured, useCliStack } from './localStack';

jest.setTimeout(120_000);
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const REGISTRY = join(__dirname, '..', 'fixtures', 'registry', 'agencies.csv');
const local = useCliStack('review-cli');
const dir = local.dir;

const cli = (run: (argv: string[]) => Promise<number>, argv: string[]) => captured(() => run(argv));

const token = async (...args: string[]) => (await cli(devToken, args)).out.trim().split('\n').pop()!;

test('agencies import loads the registry once; a faulty file names its line (exit 1); list shows an office', async () => {
  const admin = await token('--admin');
  const api = ['--api', local.stack.apiBase, '--token', admin];
  const first = await cli(agencies, ['import', REGISTRY, ...api]);
  expect(first).toMatchObject({ code: 0, out: expect.stringContaining('已导入 7 行：新增 7') });
  expect((await cli(agencies, ['import', REGISTRY, ...api, '--lang', 'en'])).out).toContain(
    '0 added, 0 changed, 7 unchanged',
  );

  const bad = join(dir, 'bad.csv');
  writeFileSync(bad, '机关代码,机关名称,层级,类别,上级政府\nx-dept,某局,市,部门,nobody\n');
  const refused = await cli(agencies, ['import', bad, ...api]);
  expect(refused.code).toBe(1);
  expect(refused.err).toContain('第 2 行 上级政府（parent）');

  const reviewer = await token('--agency', 'yiyang-gov', '--reviewer', 'yiyang-gov');
  const listed = await cli(agencies, [
    'list',
    '--office',
    'yiyang-gov',
    '--api',
    local.stack.apiBase,
    '--token',
    reviewer,
  ]);
  expect(listed.code).toBe(0);
  expect(
    listed.out
      .trim()
      .split('\n')
      .map((l) => l.split('\t')[0]),
  ).toEqual(['heshan-gov', 'yiyang-edu', 'yiyang-ftz', 'yiyang-hrss']);
  expect(listed.out).toContain('hunan-gov/yiyang-gov/yiyang-hrss');
  const elsewhere = await cli(agencies, [
    'list',
    '--office',
    'heshan-gov',
    '--api',
    local.stack.apiBase,
    '--token',
    reviewer,
  ]);
  expect(elsewhere.code).toBe(2);
  expect(elsewhere.err).toContain('E-AUTH-SCOPE');
  expect((await cli(agencies, ['list', '--api', local.stack.apiBase, '--token', reviewer])).code).toBe(2);
});
