/**
 * What the review command tests share (reviewDesk, reviewCells): a local stack of their own (localStack.ts), the
 * `nianbao` command run by the CLI's own entry (cli/main.ts) with its output captured, dev tokens, report files in
 * the test's folder, and the registry fixture — 益阳市人民政府 with three departments and a county government below.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../cli/main';
import type { Report } from '../../report/model/types';
import { captured, useCliStack } from './localStack';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export const REGISTRY = join(__dirname, '..', 'fixtures', 'registry', 'agencies.csv');
export const YEAR = 2025;

/** One `nianbao …` command line, its exit code and output. */
export const cli = (...argv: string[]) => captured(() => main(argv));

/** A dev token: `nianbao dev-token …` (--admin, --agency X, --reviewer OFFICE), its last line. */
export const token = async (...args: string[]) => (await cli('dev-token', ...args)).out.trim().split('\n').pop()!;

export interface ReviewStack {
  /** The test's temporary folder. */
  readonly dir: string;
  /** The options that send a command to this stack with a token. */
  as(token: string): string[];
  /** The stack's API base (https://localhost:<port>/api). */
  readonly apiBase: string;
  /** A report written as JSON into the test's folder: its path. */
  file(name: string, report: Report): string;
}

/** A local stack for the file's tests (started in beforeAll, closed in afterAll). */
export function useReviewStack(prefix: string): ReviewStack {
  const local = useCliStack(prefix);
  return {
    dir: local.dir,
    get apiBase() {
      return local.stack.apiBase;
    },
    as: (t) => ['--api', local.stack.apiBase, '--token', t],
    file: (name, report) => {
      const path = join(local.dir, name);
      writeFileSync(path, JSON.stringify(report));
      return path;
    },
  };
}
