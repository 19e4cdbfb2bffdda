/**
 * The folder borders (eslint.borders.mjs) fail the lint on a crossing: each case is linted as if it were a file at
 * that path (ESLint in a child process, as `npm run lint` runs it).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

interface Case {
  readonly filePath: string;
  readonly code: string;
}

function lint(cases: readonly Case[]): string[][] {
  const script = `
    const { ESLint } = require('eslint');
    (async () => {
      const eslint = new ESLint({ cwd: process.cwd() });
      const out = [];
      for (const c of JSON.parse(process.argv[1])) {
        const [r] = await eslint.lintText(c.code, { filePath: c.filePath });
        out.push(r.messages.filter((m) => m.ruleId === 'nianbao/borders').map((m) => m.message));
      }
      process.stdout.write(JSON.stringify(out));
    })().catch((e) => { console.error(e); process.exit(1); });`;
  return JSON.parse(
    execFileSync(process.execPath, ['-e', script, JSON.stringify(cases)], { cwd: ROOT, encoding: 'utf8' }),
  );
}

const file = (dir: string) => join(ROOT, dir, '__border_case__.ts');

it('refuses every crossing of a border and allows what the architecture allows', () => {
  const forbidden: Case[] = [
    { filePath: file('addin/taskpane'), code: "import { submit } from '../../functions/submission/submit';" },
    { filePath: file('addin'), code: "export { startLocalStack } from '../dev/server';" },
    { filePath: file('web'), code: "import type { RouteDef } from '../infra/stack';" },
    { filePath: file('functions/handlers'), code: "const x = require('../../addin/api/client');" },
    { filePath: file('report/rules'), code: "import { ERRORS } from '../../contract/errors';" },
    { filePath: file('contract'), code: "import { z } from 'zod';" },
    { filePath: file('contract'), code: "import type { Report } from '../report/model/types';" },
    { filePath: file('harness'), code: "void import('../test/functions/helpers');" },
    { filePath: file('bench'), code: "import { x } from '../test/report/import/serialise';" },
  ];
  const allowed: Case[] = [
    { filePath: file('addin/taskpane'), code: "import { IDEMPOTENCY_HEADER } from '../../contract/headers';" },
    { filePath: file('functions/http'), code: "import { validate } from '../../report/rules';" },
    { filePath: file('dev'), code: "import { handler } from '../functions/handlers/submitReport';" },
    { filePath: file('infra'), code: "import { buildAddin } from '../build/addin';" },
  ];
  const results = lint([...forbidden, ...allowed]);
  forbidden.forEach((c, i) =>
    expect({ case: c, messages: results[i] }).toEqual({ case: c, messages: [expect.any(String)] }),
  );
  allowed.forEach((c, i) =>
    expect({ case: c, messages: results[forbidden.length + i] }).toEqual({ case: c, messages: [] }),
  );
  expect(results[0]![0]).toMatch(/addin\/ must not import functions\//);
});
