/** docs/rules.md, `nianbao rules` and the registry tell the same story, and every example is the rule's own. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULE_EXAMPLES } from '../../build/docs/ruleExamples';
import { domainRuleCodes } from '../../build/docs/rules';
import { RULES } from '../../report/rules';
import { nianbao } from '../cli/run';

const ROOT = join(__dirname, '..', '..');
const page = (name: string) => readFileSync(join(ROOT, 'docs', name), 'utf8');
/** Tests that run the CLI in a child process: the machine is shared, a start can take seconds. */
const CLI_TIMEOUT = 60_000;
const headings = (text: string) => [...text.matchAll(/^## ([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)$/gm)].map((m) => m[1]);

describe('the rules page', () => {
  it.each(RULES.map((r) => [r.code, r] as const))(
    '%s has an example that the rule itself produces, at its severity or one it documents',
    (code, rule) => {
      const run = RULE_EXAMPLES[code];
      if (!run) throw new Error(`${code} has no example: add one to build/docs/ruleExamples.ts`);
      const found = run().filter((f) => f.rule === code);
      expect(found.length).toBeGreaterThan(0);
      expect(found[0]!.severity).toBe(rule.severity);
      expect(found[0]!.message.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(found[0]!.message.en).toMatch(/[a-z]/);
    },
  );

  it('examples exist only for rules in the registry', () => {
    const codes = new Set(RULES.map((r) => r.code));
    expect(Object.keys(RULE_EXAMPLES).filter((c) => !codes.has(c))).toEqual([]);
  });

  it(
    'lists, in both languages, exactly the codes `nianbao rules --json` prints, in its order',
    () => {
      const r = nianbao(['rules', '--json']);
      expect(r.code).toBe(0);
      const printed = (JSON.parse(r.stdout) as { rules: { code: string; title: { zh: string; en: string } }[] }).rules;
      expect(printed.map((x) => x.code)).toEqual(RULES.map((x) => x.code));
      expect(headings(page('rules.md'))).toEqual(printed.map((x) => x.code));
      expect(headings(page('rules.en.md'))).toEqual(printed.map((x) => x.code));
      for (const x of printed) {
        expect(page('rules.md')).toContain(x.title.zh);
        expect(page('rules.en.md')).toContain(x.title.en);
      }
    },
    CLI_TIMEOUT,
  );

  it('every code of docs/domain/RULES.md is in the registry or named on the page as not implemented yet', () => {
    const registered = new Set(RULES.map((r) => r.code));
    const domain = domainRuleCodes();
    expect(domain.length).toBeGreaterThanOrEqual(24);
    const missing = domain.filter((c) => !registered.has(c));
    const notYet = page('rules.md').split('## 尚未实现')[1] ?? '';
    for (const c of missing) expect(notYet).toContain(`\`${c}\``);
    for (const c of registered) expect(notYet).not.toContain(`\`${c}\``);
  });

  it(
    '`nianbao rules` prints every code with its title in the chosen language; a file argument is exit 2',
    () => {
      const zh = nianbao(['rules']);
      const en = nianbao(['rules', '--lang', 'en']);
      expect(zh.code).toBe(0);
      for (const rule of RULES) {
        expect(zh.stdout).toContain(`${rule.code}`);
        expect(zh.stdout).toContain(rule.title.zh);
        expect(en.stdout).toContain(rule.title.en);
      }
      expect(nianbao(['rules', 'x.json']).code).toBe(2);
    },
    CLI_TIMEOUT,
  );
});
