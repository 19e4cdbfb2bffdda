/**
 * Administrator tasks on a deployed stage:
 *   npm run admin -- add-user --stage dev --email 张三@example.gov.cn --agency yiyang-hrss --agency-name 益阳市人力资源和社会保障局 [--admin]
 *   npm run admin -- manifest --stage dev
 * add-user calls Cognito with the caller's AWS credentials (the AWS_PROFILE / environment the deploy used); --help
 * and argument checks work offline.
 */
import { parseArgs } from 'node:util';
import { ADMIN_GROUP, CLAIMS } from '../contract/auth';
import { recordAgency } from '../functions/store/agencies';
import { AGENCY_ID, MAX_YEAR, MIN_YEAR } from '../contract/limits';
import type { RebuildResult } from '../functions/published/rebuild';
import type { StackOutputs } from './outputs';
import { publishedPaths } from '../contract/published';
import { athenaTable } from '../report/render/athena';
import { stageFiles } from './names';
import { readStageOutputs, writeStageManifest } from './post-deploy';

export const USAGE = `年报通管理工具 / nianbao admin

用法 / usage:
  npm run admin -- add-user --stage <阶段> --email <邮箱> --agency <机关代码> --agency-name <机关名称> [--office <政府代码>] [--admin]
      新建机关账号并在中心库登记该机关：Cognito 向邮箱发送临时密码，首次登录时修改密码并绑定验证器应用。
      Creates an agency account and registers the agency in the repository: Cognito emails a temporary password; at first sign-in the user sets a password
      and registers an authenticator app. --admin also puts the account in the "${ADMIN_GROUP}" group
      (publish and withdraw reports). --office makes the account a reviewer of that government's office
      (审核机关: it reviews the agencies the registry lists under it; nianbao agencies import loads the registry).
  npm run admin -- manifest --stage <阶段> [--out <文件>] [--id <GUID>] [--version a.b.c.d]
      按部署输出重写该阶段的 manifest.xml / writes the stage's manifest.xml again from its deploy outputs.
  npm run admin -- rebuild-published --stage <阶段> [--year <年度>]
      按数据表重建公开页面、目录与开放数据（如按时间点恢复数据表之后）；不指定年度则重建所有年度。
      Recreates the published pages, the index and the open data from the table (e.g. after a point-in-time
      restore); every year unless --year is given.
  npm run admin -- athena-table --stage <阶段> --year <年度>
      打印该年度开放数据的 Athena 建表语句（读公开数据桶中该年度全部 JSON Lines 页，不复制数据）。
      Prints the Athena CREATE EXTERNAL TABLE of a year's open data (every JSON Lines page of the year in the
      published bucket, read where it lies).

选项 / options:
  --stage <name>         部署阶段，默认 dev / the deployed stage (default dev)
  --outputs <file>       部署输出文件 / deploy outputs file (default dist/deploy/<stage>/outputs.json)
  --user-pool-id <id>    直接指定用户池（不读部署输出）/ the user pool, instead of reading the outputs
  --table <name>         直接指定数据表（与 --user-pool-id 同用）/ the table, with --user-pool-id
  -h, --help             显示本帮助 / this help

机关代码 / agency id: 小写字母、数字和连字符，如 yiyang-hrss / lowercase letters, digits, hyphens.
`;

export class AdminUsageError extends Error {}

export interface AddUserRequest {
  readonly email: string;
  readonly agency: string;
  readonly agencyName: string;
  /** A reviewer's office: the government whose agencies it reviews. */
  readonly office?: string;
  readonly admin: boolean;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks the add-user arguments; everything that can be wrong before calling AWS is caught here. */
export function addUserRequest(values: Record<string, string | boolean | undefined>): AddUserRequest {
  const email = typeof values.email === 'string' ? values.email.trim() : '';
  const agency = typeof values.agency === 'string' ? values.agency.trim() : '';
  const agencyName = typeof values['agency-name'] === 'string' ? values['agency-name'].trim() : '';
  if (!EMAIL.test(email))
    throw new AdminUsageError(`--email 应为邮箱地址 / --email must be an email address: "${email}"`);
  if (!AGENCY_ID.test(agency)) {
    throw new AdminUsageError(
      `--agency 应为小写字母、数字、连字符组成的机关代码 / --agency must be a slug like yiyang-hrss: "${agency}"`,
    );
  }
  if (!agencyName) throw new AdminUsageError('--agency-name 不能为空 / --agency-name is required (the official name)');
  const office = typeof values.office === 'string' ? values.office.trim() : '';
  if (office && !AGENCY_ID.test(office))
    throw new AdminUsageError(`--office 应为政府的机关代码 / --office must be a government's id: "${office}"`);
  return { email, agency, agencyName, ...(office ? { office } : {}), admin: values.admin === true };
}

/** The Cognito region is the user pool id's prefix (cn-northwest-1_AbC123 → cn-northwest-1). */
export function regionOfPool(userPoolId: string): string {
  const m = /^([a-z]{2}(?:-[a-z]+)+-\d)_[A-Za-z0-9]+$/.exec(userPoolId);
  if (!m?.[1]) throw new AdminUsageError(`不是用户池 ID / not a user pool id: "${userPoolId}"`);
  return m[1];
}

export async function addUser(userPoolId: string, req: AddUserRequest): Promise<string> {
  // Loaded only here: --help and the argument checks need no AWS SDK.
  const { AdminAddUserToGroupCommand, AdminCreateUserCommand, CognitoIdentityProviderClient } =
    await import('@aws-sdk/client-cognito-identity-provider');
  const client = new CognitoIdentityProviderClient({ region: regionOfPool(userPoolId) });
  const created = await client.send(
    new AdminCreateUserCommand({
      UserPoolId: userPoolId,
      Username: req.email,
      UserAttributes: [
        { Name: 'email', Value: req.email },
        { Name: 'email_verified', Value: 'true' },
        // Cognito's API names custom attributes as the token does: custom:agency, custom:agency_name.
        { Name: CLAIMS.agency, Value: req.agency },
        { Name: CLAIMS.agencyName, Value: req.agencyName },
        ...(req.office ? [{ Name: CLAIMS.office, Value: req.office }] : []),
      ],
      DesiredDeliveryMediums: ['EMAIL'],
    }),
  );
  const username = created.User?.Username ?? req.email;
  if (req.admin) {
    await client.send(
      new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: username, GroupName: ADMIN_GROUP }),
    );
  }
  return username;
}

/**
 * Enters the agency in the repository's table, so that administrators see it among the agencies that have not yet
 * submitted for a year (before, an agency became known only with its first accepted report).
 */
export async function registerAgency(
  tableName: string,
  region: string,
  req: AddUserRequest,
  at = new Date(),
): Promise<void> {
  process.env.TABLE_NAME = tableName;
  process.env.AWS_REGION ??= region;
  await recordAgency(req.agency, req.agencyName, at.toISOString());
}

/** Rebuilds a deployed stage's published objects from its table, with the caller's AWS credentials. */
export async function rebuildPublished(
  outputs: StackOutputs,
  year: number | undefined,
  log: (line: string) => void,
): Promise<RebuildResult[]> {
  const region = regionOfPool(outputs.userPoolId);
  // Loaded only here: the other commands need neither the builder nor the S3 client.
  const { configureFunctions } = await import('../functions/env');
  const { configureObjectStore } = await import('../functions/published/objects');
  const { s3ObjectStore } = await import('../functions/published/s3');
  const { rebuildAll, rebuildYear } = await import('../functions/published/rebuild');
  configureFunctions({ tableName: outputs.tableName, region, publicBaseUrl: outputs.addinUrl });
  configureObjectStore(s3ObjectStore(outputs.publishedBucket, region));
  return year === undefined ? rebuildAll({ log }) : [await rebuildYear(year, { log })];
}

export async function main(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s)): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      stage: { type: 'string', default: 'dev' },
      outputs: { type: 'string' },
      'user-pool-id': { type: 'string' },
      table: { type: 'string' },
      email: { type: 'string' },
      agency: { type: 'string' },
      'agency-name': { type: 'string' },
      office: { type: 'string' },
      admin: { type: 'boolean' },
      out: { type: 'string' },
      id: { type: 'string' },
      version: { type: 'string' },
      year: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0];
  if (values.help || !command) {
    out(USAGE);
    return values.help ? 0 : 2;
  }
  const stage = values.stage ?? 'dev';
  const outputsFile = values.outputs ?? stageFiles(stage).outputs;
  switch (command) {
    case 'add-user': {
      const req = addUserRequest(values);
      const outputs = values['user-pool-id'] && values.table ? undefined : readStageOutputs(stage, outputsFile);
      const userPoolId = values['user-pool-id'] ?? outputs!.userPoolId;
      const username = await addUser(userPoolId, req);
      out(
        `已创建账号 / created ${req.email} (${username}) · ${req.agency} ${req.agencyName}${req.office ? ` · 审核 reviewer ${req.office}` : ''}${req.admin ? ` · ${ADMIN_GROUP}` : ''}\n`,
      );
      await registerAgency(values.table ?? outputs!.tableName, regionOfPool(userPoolId), req);
      out(`已登记机关 / registered the agency ${req.agency} in the repository\n`);
      out('临时密码已发送到该邮箱 / the temporary password was emailed to the user.\n');
      return 0;
    }
    case 'manifest': {
      const file = writeStageManifest({
        stage,
        outputs: readStageOutputs(stage, outputsFile),
        ...(values.out ? { out: values.out } : {}),
        ...(values.id ? { id: values.id } : {}),
        ...(values.version ? { version: values.version } : {}),
      });
      out(`已写入 / wrote ${file}\n`);
      return 0;
    }
    case 'rebuild-published': {
      const year = values.year === undefined ? undefined : Number(values.year);
      if (year !== undefined && !(Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR))
        throw new AdminUsageError(`--year 应为年度 / --year must be a year: "${values.year}"`);
      const outputs = readStageOutputs(stage, outputsFile);
      const results = await rebuildPublished(outputs, year, (line) => out(`${line}\n`));
      for (const r of results)
        out(
          `${r.year}: 已重建 / rebuilt ${r.published}/${r.reports} published, ${r.nodes} nodes, ${r.removed} stale objects removed (${(r.ms / 1000).toFixed(1)} s)\n`,
        );
      return 0;
    }
    case 'athena-table': {
      const year = Number(values.year);
      if (!(Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR))
        throw new AdminUsageError(`--year 应为年度 / --year must be a year: "${values.year ?? ''}"`);
      const { publishedBucket } = readStageOutputs(stage, outputsFile);
      out(`${athenaTable(year, `s3://${publishedBucket}${publishedPaths.jsonlFolder(year)}`)}\n`);
      return 0;
    }
    default:
      throw new AdminUsageError(
        `未知命令 / unknown command: ${command} (add-user | manifest | rebuild-published | athena-table)`,
      );
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      const e = err as Error & { code?: string };
      const usage = err instanceof AdminUsageError || String(e.code ?? '').startsWith('ERR_PARSE_ARGS');
      // AWS errors keep their name (UsernameExistsException, ExpiredTokenException…): it says what to fix.
      process.stderr.write(`admin: ${usage || e.name === 'Error' ? '' : `${e.name}: `}${e.message}\n`);
      process.exitCode = usage ? 2 : 1;
    },
  );
}
