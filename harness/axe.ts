/**
 * axe-core, injected into a page as it is: its serious and critical accessibility violations. One exception, node
 * by node: Tabster's (Fluent's focus manager) focus "bumpers" are focusable aria-hidden elements by design, the known
 * false positive of aria-hidden-focus (microsoft/tabster#288).
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeResult {
  passes: unknown[];
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[]; html: string }[] }[];
}

/** `what: rule (help) at selectors` for each serious or critical violation; how many checks passed. */
export async function seriousViolations(p: Page, what: string): Promise<{ violations: string[]; passes: number }> {
  if (!(await p.evaluate(() => 'axe' in window))) await p.evaluate(AXE_SOURCE);
  const result = await p.evaluate(() =>
    (window as unknown as { axe: { run(ctx: Document, o: object): Promise<AxeResult> } }).axe.run(document, {
      resultTypes: ['violations'],
    }),
  );
  const violations = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      ...v,
      nodes: v.nodes.filter((n) => !(v.id === 'aria-hidden-focus' && n.html.includes('data-tabster-dummy'))),
    }))
    .filter((v) => v.nodes.length > 0)
    .map((v) => `${what}: ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  return { violations, passes: result.passes.length };
}
