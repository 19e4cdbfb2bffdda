/**
 * What `npm start` prints once the stack runs: where everything is, and next steps that run as printed — with the
 * port, the API, the data and certificate folders actually in use (a test runs them verbatim on a fresh clone).
 */
import { publishedPaths } from '../contract/published';
import { join } from 'node:path';
import { WEB_FILES } from '../contract/web';
import { PROJECT_ROOT } from '../dev/paths';
import type { Lang } from './io';
import { pathFromHere, shellArg, shellLine } from './shell';

export interface BannerFacts {
  readonly url: string;
  readonly apiBase: string;
  readonly addinBuilt: boolean;
  readonly dataDir: string;
  readonly caPath: string;
  readonly generated: boolean;
  /** DATA_DIR and CERT_DIR were set: the commands below must say so too. */
  readonly customDataDir: boolean;
  readonly customCertDir: boolean;
}

/** The example agency: a real published report (refused: it has errors) and the same made consistent. */
export const EXAMPLE = {
  agency: 'yiyang-hrss',
  name: '益阳市人力资源和社会保障局',
  year: 2021,
  refused: join(PROJECT_ROOT, 'test', 'fixtures', 'examples', 'yiyang-hrss-2021.txt'),
  accepted: join(PROJECT_ROOT, 'test', 'fixtures', 'central', 'yiyang-hrss-2021-consistent.txt'),
} as const;

/** Display width: CJK characters take two columns. */
const width = (s: string) => [...s].reduce((n, c) => n + (/[\u1100-\uffff]/.test(c) ? 2 : 1), 0);
const pad = (s: string, w: number) => s + ' '.repeat(Math.max(1, w - width(s)));

export function nextSteps(lang: Lang, f: BannerFacts): [string, string[]][] {
  const zh = lang === 'zh';
  const dataVar = f.customDataDir ? `DATA_DIR=${shellArg(pathFromHere(f.dataDir))} ` : '';
  const ca = f.customCertDir ? ['--ca', pathFromHere(f.caPath)] : [];
  const submit = (file: string) =>
    shellLine(['npx', 'nianbao', 'submit', pathFromHere(file), '--year', String(EXAMPLE.year)]) +
    ` --token "$T" ` +
    shellLine(['--api', f.apiBase, ...ca]);
  const page = f.url + publishedPaths.report(EXAMPLE.agency, EXAMPLE.year);
  return [
    [
      zh ? '1. 获取令牌' : '1. Token',
      [
        `T=$(${dataVar}${shellLine(['npx', 'nianbao', 'dev-token', '--agency', EXAMPLE.agency, '--name', EXAMPLE.name])})`,
      ],
    ],
    [
      zh ? '2. 报送' : '2. Submit',
      [
        submit(EXAMPLE.refused),
        zh
          ? '（真实公开的年报，有错误：被拒，退出码 1；下面是改正后的同一份）'
          : '(a real published report with errors: refused, exit 1; below, the same corrected)',
        submit(EXAMPLE.accepted),
        zh ? '（已接受，退出码 0）' : '(accepted, exit 0)',
      ],
    ],
    [
      zh ? '3. 查看' : '3. Look',
      [
        page,
        f.url + publishedPaths.index(EXAMPLE.year),
        f.url + publishedPaths.manifest(EXAMPLE.year),
        zh
          ? `（浏览器会提示证书不受信任，除非已信任 ${pathFromHere(f.caPath)} ）`
          : `(the browser warns about the certificate unless ${pathFromHere(f.caPath)} is trusted)`,
      ],
    ],
    [
      zh ? '4. 旁加载' : '4. Sideload',
      [
        zh
          ? `Excel 网页版：插入 → 加载项 → 上传我的加载项 → ${f.url}/manifest.xml （先下载）`
          : `Excel on the web: Insert → Add-ins → Upload My Add-in → ${f.url}/manifest.xml (download it first)`,
        zh
          ? `Excel 桌面版需先信任本地证书 ${pathFromHere(f.caPath)} （请自行导入；本工具不改动系统证书库）`
          : `Excel desktop needs ${pathFromHere(f.caPath)} trusted first (import it yourself; this tool never changes the system store)`,
        zh
          ? `任务窗格的“开发登录”输入机关标识即可登录；它调用 POST ${f.apiBase}/dev/token`
          : `The pane's dev sign-in takes an agency id; it calls POST ${f.apiBase}/dev/token`,
      ],
    ],
  ];
}

export function banner(lang: Lang, f: BannerFacts): string {
  // The example's year: a year's index exists once a report of it is published (on AWS too: a static object).
  const year = EXAMPLE.year;
  const zh = lang === 'zh';
  const rows: [string, string][] = [
    [
      zh ? '加载项' : 'Add-in',
      f.addinBuilt
        ? `${f.url}/taskpane.html   (manifest: ${f.url}/manifest.xml)`
        : zh
          ? '未构建（--no-build 且 dist/addin 为空）'
          : 'not built (--no-build and dist/addin empty)',
    ],
    ...(f.addinBuilt
      ? [
          [
            zh ? '网页' : 'Web pages',
            zh
              ? `报送 ${f.url}/${WEB_FILES.upload}   审核台 ${f.url}/${WEB_FILES.desk}`
              : `upload ${f.url}/${WEB_FILES.upload}   review desk ${f.url}/${WEB_FILES.desk}`,
          ] as [string, string],
        ]
      : []),
    [zh ? '接口' : 'API', f.apiBase],
    [
      zh ? `公开页面（${year} 年度）` : `Published (${year})`,
      `${f.url}${publishedPaths.index(year)}   ${zh ? '开放数据' : 'open data'}: ${f.url}${publishedPaths.manifest(year)}`,
    ],
    [
      zh ? '数据' : 'Data',
      `${pathFromHere(f.dataDir)}  ${zh ? '（重启后保留；删除即清空）' : '(kept across restarts; delete to reset)'}`,
    ],
    [zh ? '证书' : 'Certificate', `${pathFromHere(f.caPath)}${f.generated ? (zh ? ' （新生成）' : ' (new)') : ''}`],
  ];
  const steps = nextSteps(lang, f);
  const w1 = Math.max(...rows.map(([k]) => width(k))) + 3;
  const w2 = Math.max(...steps.map(([k]) => width(k))) + 3;
  return [
    zh ? '年报通 本地服务已启动 / local stack running' : 'Nianbao local stack running',
    '',
    ...rows.map(([k, v]) => `  ${pad(k, w1)}${v}`),
    '',
    zh ? '下一步（在同一目录另开一个终端）/ next, in another terminal here:' : 'Next, in another terminal here:',
    ...steps.flatMap(([k, lines]) => lines.map((l, i) => `  ${pad(i === 0 ? k : '', w2)}${l}`)),
    '',
    zh ? '按 Ctrl+C 停止。' : 'Press Ctrl+C to stop.',
  ].join('\n');
}
