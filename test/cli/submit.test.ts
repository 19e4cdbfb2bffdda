/**
 * `nianbao submit` against the local stack: the same file twice is one version (the second run replayed), a
 * changed file a new one, --new-version a new one of the same file; every version says it came from the CLI. When
 * the server cannot be reached, the exact command to send the same request again is printed, with its key.
 */
import { createServer } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run as devToken } from '../../cli/commands/devToken';
import { run as submit } from '../../cli/commands/submit';
import { derivedKey, retryCommand, tokenAgency } from '../../cli/submitKey';
import { https } from '../../harness/https';
import { consistentReport } from '../functions/helpers';
import { captured, useCliStack } from './localStack';

jest.setTimeout(120_000);
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const local = useCliStack('cli-submit');
const dir = local.dir;

const cli = (run: (argv: string[]) => Promise<number>, argv: string[]) => captured(() => run(argv));

test('the same file twice is one version, replayed; a changed file or --new-version is a new one', async () => {
  const token = (await cli(devToken, ['--agency', 'cli-twice'])).out.trim().split('\n').pop()!;
  expect(tokenAgency(token)).toBe('cli-twice');
  const file = join(dir, 'report.json');
  writeFileSync(file, JSON.stringify(consistentReport(2022, '命令行局')));
  const args = [file, '--token', token, '--api', local.stack.apiBase];

  const first = await cli(submit, args);
  expect(first).toMatchObject({ code: 0, out: expect.stringContaining('第 1 版') });
  const again = await cli(submit, args);
  expect(again.code).toBe(0);
  expect(again.out).toContain('第 1 版（重复报送，返回已存版本）');

  const forced = await cli(submit, [...args, '--new-version', '--json']);
  expect(forced.code).toBe(0);
  expect(JSON.parse(forced.out).version).toBe(2);

  const changed = consistentReport(2022, '命令行局');
  changed.sections.problems = '政策解读的形式有待丰富。';
  writeFileSync(file, JSON.stringify(changed));
  expect((await cli(submit, [...args, '--json'])).out).toMatch(/"version": 3/);

  const versions = await https(
    { url: local.stack.url, ca: local.stack.certs.ca },
    'GET',
    '/api/reports/cli-twice/2022/versions',
    {
      token,
    },
  );
  const listed = versions.json.versions as { version: number; client: { kind: string } }[];
  expect(listed.map((v) => [v.version, v.client.kind])).toEqual([
    [3, 'cli'],
    [2, 'cli'],
    [1, 'cli'],
  ]);
});

test('the server out of reach: exit 2 and the exact command to retry, with the key and without the token', async () => {
  // A port that refuses connections.
  const port = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
  const file = join(dir, 'away.json');
  writeFileSync(file, JSON.stringify(consistentReport(2022)));
  const token = (await cli(devToken, ['--agency', 'cli-away'])).out.trim().split('\n').pop()!;
  const r = await cli(submit, [file, '--token', token, '--api', `https://127.0.0.1:${port}/api`, '--year', '2022']);
  expect(r.code).toBe(2);
  const key = derivedKey('cli-away', 2022, Buffer.from(JSON.stringify(consistentReport(2022))));
  expect(r.err).toContain(
    `nianbao submit ${file} --token … --api https://127.0.0.1:${port}/api --year 2022 --idempotency-key ${key}`,
  );
  expect(r.err).not.toContain(token);
});

test('retryCommand: the key replaces --new-version and an earlier key; unsafe words are quoted', () => {
  expect(retryCommand(['a b.json', '--new-version', '--token=secret', '--lang', 'en'], 'cli-1')).toBe(
    "nianbao submit 'a b.json' --token … --lang en --idempotency-key cli-1",
  );
  expect(retryCommand(['r.xlsx', '--idempotency-key', 'old', "--agency=o'k"], 'new')).toBe(
    "nianbao submit r.xlsx '--agency=o'\\''k' --idempotency-key new",
  );
});
