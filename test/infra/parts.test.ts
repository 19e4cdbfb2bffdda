/**
 * The infra pieces that need no synth: stage settings, the table translation, the CloudFront path patterns, the
 * CDK command line, the outputs reader, the stage manifest and the admin tool's offline behaviour.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AttributeType, ProjectionType } from 'aws-cdk-lib/aws-dynamodb';
import { ROUTES } from '../../contract/routes';
import {
  AGENCY_PROFILE_ATTRIBUTES,
  INLINE,
  KEY,
  VERSION_META_ATTRIBUTES,
  YEAR_INDEX,
  createTableInput,
} from '../../functions/store/table';
import { cdkArgs, stageArg } from '../../infra/cdk';
import { stageConfig } from '../../infra/config';
import { tableSpec } from '../../infra/constructs/data';
import { publicPathPatterns } from '../../infra/constructs/hosting';
import { stackName, stageFiles } from '../../infra/names';
import { OUTPUTS, stackOutputs } from '../../infra/outputs';
import { addinIdFor, manifestVersion, writeStageManifest } from '../../infra/post-deploy';
import { tableAccessOf } from '../../infra/stack';
import { AdminUsageError, USAGE, addUserRequest, main as admin, regionOfPool } from '../../infra/admin';

const ROOT = join(__dirname, '..', '..');

const sampleOutputs = {
  [OUTPUTS.addinUrl]: 'https://d111111abcdef8.cloudfront.net',
  [OUTPUTS.apiUrl]: 'https://d111111abcdef8.cloudfront.net/api',
  [OUTPUTS.signInDomain]: 'https://nianbao-dev-123456789012.auth.cn-northwest-1.amazoncognito.com',
  [OUTPUTS.userPoolId]: 'cn-northwest-1_AbC123xyz',
  [OUTPUTS.userPoolClientId]: '1example23456789',
  [OUTPUTS.tableName]: 'Nianbao-dev-DataTable-1ABC',
  [OUTPUTS.distributionId]: 'E2EXAMPLE',
  [OUTPUTS.alarmTopicArn]: 'arn:aws-cn:sns:cn-northwest-1:123456789012:Nianbao-dev-AlarmsTopic',
  [OUTPUTS.publishedBucket]: 'nianbao-dev-publishedbucket0d2f2dcb-abcdef',
};

describe('stage settings', () => {
  test('dev by default; prod keeps logs a year and throttles higher; bad names are refused', () => {
    const dev = stageConfig(() => undefined);
    const prod = stageConfig((k) => (k === 'stage' ? 'prod' : undefined));
    expect(dev).toMatchObject({ stage: 'dev', production: false, logRetention: 30 });
    expect(prod).toMatchObject({ stage: 'prod', production: true, logRetention: 365 });
    expect(prod.throttle.rateLimit).toBeGreaterThan(dev.throttle.rateLimit);
    expect(
      stageConfig((k) => (k === 'stage' ? 'alice' : k === 'alarmEmail' ? 'ops@example.gov.cn' : undefined)),
    ).toMatchObject({
      stage: 'alice',
      production: false,
      alarmEmail: 'ops@example.gov.cn',
    });
    for (const bad of ['Prod', '1dev', 'dev_1', 'a'.repeat(21), 'dev stage']) {
      expect(() => stageConfig((k) => (k === 'stage' ? bad : undefined))).toThrow(/invalid stage name/);
    }
    expect(stackName('dev')).toBe('Nianbao-dev');
  });
});

describe('table translation', () => {
  test("the store's CreateTable input becomes the same keys and index", () => {
    expect(tableSpec(createTableInput('x'))).toEqual({
      partitionKey: { name: KEY.partition, type: AttributeType.STRING },
      sortKey: { name: KEY.sort, type: AttributeType.STRING },
      globalSecondaryIndexes: [
        {
          indexName: YEAR_INDEX.name,
          partitionKey: { name: YEAR_INDEX.partition, type: AttributeType.STRING },
          sortKey: { name: YEAR_INDEX.sort, type: AttributeType.STRING },
          // The listings' metadata, never the inline report and upload.
          projectionType: ProjectionType.INCLUDE,
          nonKeyAttributes: [...VERSION_META_ATTRIBUTES, ...AGENCY_PROFILE_ATTRIBUTES],
        },
      ],
    });
    const projected = tableSpec(createTableInput('x')).globalSecondaryIndexes[0]!.nonKeyAttributes;
    expect(projected).not.toContain(INLINE.content);
    expect(projected).not.toContain(INLINE.original);
  });

  test('numbers stay numbers; an untyped key or an unknown projection is refused; ALL and KEYS_ONLY translate', () => {
    const spec = tableSpec({
      TableName: 't',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'N' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    });
    expect(spec).toEqual({ partitionKey: { name: 'id', type: AttributeType.NUMBER }, globalSecondaryIndexes: [] });
    expect(() =>
      tableSpec({ TableName: 't', AttributeDefinitions: [], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }] }),
    ).toThrow(/no type/);
    const input = createTableInput('x');
    const index = input.GlobalSecondaryIndexes![0]!;
    index.Projection = { ProjectionType: 'KEYS_ONLY' };
    expect(tableSpec(input).globalSecondaryIndexes[0]).toMatchObject({ projectionType: ProjectionType.KEYS_ONLY });
    expect(tableSpec(input).globalSecondaryIndexes[0]).not.toHaveProperty('nonKeyAttributes');
    index.Projection = { ProjectionType: 'ALL' };
    expect(tableSpec(input).globalSecondaryIndexes[0]).not.toHaveProperty('projectionType');
    index.Projection = { ProjectionType: 'KEYS_ONLY', NonKeyAttributes: ['agency'] };
    expect(() => tableSpec(input)).toThrow(/NonKeyAttributes/);
    index.Projection = { ProjectionType: 'SOME' as 'ALL' };
    expect(() => tableSpec(input)).toThrow(/not translated/);
  });
});

describe('routes to infrastructure', () => {
  test("cached CloudFront paths are the public routes' first segments (none now: published data is static)", () => {
    const publicRoute = { method: 'GET', path: '/status/{year}', handler: 'status', auth: 'public' } as const;
    expect(publicPathPatterns([...ROUTES, publicRoute])).toEqual(['/api/status/*']);
    expect(publicPathPatterns(ROUTES)).toEqual([]);
  });

  test('a handler may write only when a POST route uses it', () => {
    expect(tableAccessOf('submitReport', ROUTES)).toBe('write');
    expect(tableAccessOf('publishVersion', ROUTES)).toBe('write');
    expect(tableAccessOf('listReports', ROUTES)).toBe('read');
    expect(tableAccessOf('getReport', ROUTES)).toBe('read');
  });
});

describe('cdk command line', () => {
  test('one stage per run, its stack, quiet offline synth, outputs kept on deploy', () => {
    expect(stageArg(['-c', 'stage=prod'])).toBe('prod');
    expect(stageArg(['--context=stage=alice'])).toBe('alice');
    expect(stageArg(['--context', 'other=1'])).toBeUndefined();
    expect(cdkArgs(['synth']).argv).toEqual(['synth', 'Nianbao-dev', '-c', 'stage=dev', '--no-notices', '--quiet']);
    const deploy = cdkArgs(['deploy', '-c', 'stage=prod', '--require-approval', 'never']);
    expect(deploy.stage).toBe('prod');
    expect(deploy.argv).toEqual([
      'deploy',
      'Nianbao-prod',
      '-c',
      'stage=prod',
      '--require-approval',
      'never',
      '--no-notices',
      '--outputs-file',
      stageFiles('prod').outputs,
    ]);
    expect(cdkArgs(['destroy', '-c', 'stage=alice']).argv.slice(0, 2)).toEqual(['destroy', 'Nianbao-alice']);
    expect(cdkArgs(['bootstrap']).argv).toEqual(['bootstrap', '-c', 'stage=dev', '--no-notices']);
  });
});

describe('after a deploy', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'nianbao-postdeploy-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('the outputs file is read by stack; a missing output is named', () => {
    expect(stackOutputs({ 'Nianbao-dev': sampleOutputs }, 'Nianbao-dev').userPoolId).toBe('cn-northwest-1_AbC123xyz');
    expect(() => stackOutputs({}, 'Nianbao-dev')).toThrow(/Nianbao-dev/);
    const { [OUTPUTS.signInDomain]: _gone, ...partial } = sampleOutputs;
    expect(() => stackOutputs({ 'Nianbao-dev': partial }, 'Nianbao-dev')).toThrow(new RegExp(OUTPUTS.signInDomain));
  });

  test('the stage manifest: the deployed URLs, the sign-in domain allowed, a stable id per add-in URL', () => {
    const out = join(dir, 'manifest.xml');
    writeStageManifest({ stage: 'dev', outputs: stackOutputs({ 'Nianbao-dev': sampleOutputs }, 'Nianbao-dev'), out });
    const xml = readFileSync(out, 'utf8');
    const id = addinIdFor(sampleOutputs.AddinUrl);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(addinIdFor(sampleOutputs.AddinUrl)).toBe(id);
    expect(addinIdFor('https://d222222abcdef8.cloudfront.net')).not.toBe(id);
    expect(xml).toContain(`<Id>${id}</Id>`);
    expect(xml).toContain(`<Version>${manifestVersion()}</Version>`);
    expect(xml).toContain(`${sampleOutputs.AddinUrl}/taskpane.html`);
    expect(xml).toContain(`<AppDomain>${sampleOutputs.SignInDomain}</AppDomain>`);
    expect(xml).not.toContain('localhost');
    expect(xml).toContain('（dev）');
    // Well-formed XML (the schema check belongs to the add-in's own tests).
    expect(() => execFileSync('xmllint', ['--noout', out], { stdio: 'pipe' })).not.toThrow();
  });

  test('manifest version: package.json a.b.c as a.b.c.0', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(manifestVersion()).toBe(`${version.split('.').slice(0, 3).join('.')}.0`);
  });

  test('npm run admin -- manifest reads the outputs file and writes the manifest', async () => {
    const outputsFile = join(dir, 'outputs.json');
    writeFileSync(outputsFile, JSON.stringify({ 'Nianbao-dev': sampleOutputs }));
    const lines: string[] = [];
    const out = join(dir, 'from-admin.xml');
    expect(
      await admin(['manifest', '--stage', 'dev', '--outputs', outputsFile, '--out', out], (s) => lines.push(s)),
    ).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain(sampleOutputs.AddinUrl);
    expect(lines.join('')).toContain(out);
  });
  test('npm run admin -- athena-table prints the table of a year over its JSON Lines folder in the published bucket', async () => {
    const outputsFile = join(dir, 'outputs-athena.json');
    writeFileSync(outputsFile, JSON.stringify({ 'Nianbao-prod': sampleOutputs }));
    const lines: string[] = [];
    const args = ['athena-table', '--stage', 'prod', '--outputs', outputsFile];
    expect(await admin([...args, '--year', '2025'], (s) => lines.push(s))).toBe(0);
    const ddl = lines.join('');
    expect(ddl.startsWith('CREATE EXTERNAL TABLE IF NOT EXISTS nianbao_open_data_2025 (\n')).toBe(true);
    expect(ddl).toContain(`LOCATION 's3://${sampleOutputs[OUTPUTS.publishedBucket]}/open-data/2025/jsonl/';\n`);
    await expect(admin(args, () => {})).rejects.toThrow(AdminUsageError);
    await expect(admin([...args, '--year', '25'], () => {})).rejects.toThrow(/--year/);
  });
});

describe('admin tool, offline', () => {
  test('--help works without AWS (a real process, no credentials, no network)', () => {
    const run = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'infra', 'admin.ts'), '--help'],
      {
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', HOME: tmpdir() },
      },
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(USAGE);
    expect(run.stdout).toContain('add-user');
  });

  test('add-user arguments are checked before anything is called', () => {
    const ok = addUserRequest({
      email: ' li@example.gov.cn ',
      agency: 'yiyang-hrss',
      'agency-name': ' 益阳市人力资源和社会保障局 ',
      admin: true,
    });
    expect(ok).toEqual({
      email: 'li@example.gov.cn',
      agency: 'yiyang-hrss',
      agencyName: '益阳市人力资源和社会保障局',
      admin: true,
    });
    expect(() => addUserRequest({ email: 'not-an-email', agency: 'a', 'agency-name': 'x' })).toThrow(AdminUsageError);
    expect(() => addUserRequest({ email: 'a@b.cn', agency: 'Yiyang_HRSS', 'agency-name': 'x' })).toThrow(/--agency/);
    expect(() => addUserRequest({ email: 'a@b.cn', agency: 'yiyang', 'agency-name': '  ' })).toThrow(/--agency-name/);
  });

  test('the region comes from the user pool id', () => {
    expect(regionOfPool('cn-northwest-1_AbC123xyz')).toBe('cn-northwest-1');
    expect(regionOfPool('us-east-1_abc')).toBe('us-east-1');
    expect(() => regionOfPool('nonsense')).toThrow(AdminUsageError);
  });

  test('a missing outputs file says how to get one; unknown commands are refused', async () => {
    await expect(
      admin(['add-user', '--stage', 'nowhere', '--email', 'a@b.cn', '--agency', 'x', '--agency-name', 'X'], () => {}),
    ).rejects.toThrow(/npm run deploy -- -c stage=nowhere/);
    await expect(admin(['frobnicate'], () => {})).rejects.toThrow(AdminUsageError);
  });
});
