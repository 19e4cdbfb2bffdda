/**
 * nianbao dev-token --agency ID [--name 名称] [--reviewer OFFICE] [--admin] [--hours N]: a token for the local stack
 * (last line).
 */
import { devKey, DevTokenError, signDevToken } from '../../dev/devAuth';
import { localPaths } from '../../dev/paths';
import { AGENCY_ID } from '../../contract/limits';
import { stringOption } from '../args';
import { EXIT, UsageError } from '../io';
import { runCommand } from '../run';

const HELP = `用法 / usage: nianbao dev-token --agency ID [--name 名称] [--reviewer OFFICE] [--admin] [--hours N]

  为本地服务（npm start）签发开发令牌，最后一行输出令牌。
  Prints a token for the local stack (npm start); the token is the last line (on stdout).

  --agency ID   机关标识，小写字母、数字、连字符，如 yiyang-hrss / the agency id (custom:agency)
  --name 名称   机关名称 / the agency's Chinese name (custom:agency_name)
  --reviewer OFFICE  审核机关：审核该政府所辖机关的年报 / a reviewer of this office (custom:office), e.g. yiyang-gov
  --admin       管理员（admins 组）/ in the admins group
  --hours N     有效小时数，默认 12 / lifetime in hours (default 12)
  令牌由数据目录中的本地密钥签名（DATA_DIR，默认 .data/）。Signed by the dev key in DATA_DIR (default .data/).`;

export async function run(argv: string[]): Promise<number> {
  return runCommand(
    argv,
    HELP,
    {
      agency: { type: 'string' },
      name: { type: 'string' },
      reviewer: { type: 'string' },
      admin: { type: 'boolean' },
      hours: { type: 'string' },
    },
    async ({ values, positionals, lang }) => {
      if (positionals.length > 0)
        throw new UsageError({
          zh: `多余的参数：${positionals.join(' ')}`,
          en: `Unexpected arguments: ${positionals.join(' ')}`,
        });
      const agency = stringOption(values.agency);
      const agencyName = stringOption(values.name);
      const office = stringOption(values.reviewer);
      for (const [flag, value] of [
        ['--agency', agency],
        ['--reviewer', office],
      ] as const)
        if (value !== undefined && !AGENCY_ID.test(value))
          throw new UsageError({
            zh: `${flag} 应为小写字母、数字和连字符组成的标识，如 yiyang-hrss（收到 ${value}）`,
            en: `${flag} must be an id of lower-case letters, digits and hyphens, e.g. yiyang-hrss (got ${value})`,
          });
      const hoursText = stringOption(values.hours);
      const hours = hoursText === undefined ? 12 : Number(hoursText);
      if (!(hours > 0 && hours <= 24 * 30))
        throw new UsageError({ zh: '--hours 应为 1 到 720 之间的数', en: '--hours must be a number from 1 to 720' });
      const { dataDir } = localPaths();
      let token: string;
      try {
        token = await signDevToken(await devKey(dataDir), {
          ...(agency ? { agency } : {}),
          ...(agencyName ? { agencyName } : {}),
          ...(office ? { office } : {}),
          admin: Boolean(values.admin),
          hours,
        });
      } catch (e) {
        if (!(e instanceof DevTokenError)) throw e;
        throw new UsageError({
          zh: '请用 --agency 指定机关标识（小写字母、数字和连字符，如 yiyang-hrss）、用 --reviewer 指定审核机关，或用 --admin 签发管理员令牌',
          en: `Give --agency with the agency id (lower-case letters, digits, hyphens, e.g. yiyang-hrss), --reviewer with an office, or --admin: ${e.message}`,
        });
      }
      const who = [agency, agencyName, office ? `reviewer ${office}` : undefined, values.admin ? 'admins' : undefined]
        .filter(Boolean)
        .join(' · ');
      process.stderr.write(
        lang === 'zh'
          ? `本地开发令牌（${who}，${hours} 小时内有效，仅用于 npm start 的本地服务）：\n`
          : `Local development token (${who}; valid ${hours} h; for the local stack of npm start only):\n`,
      );
      process.stdout.write(`${token}\n`);
      return EXIT.ok;
    },
  );
}
