import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

const FAILING_IMPACTS = new Set(['serious', 'critical']);

/**
 * Runs axe on the page and fails with a readable list when it finds serious or
 * critical violations. `exclude` leaves out parts the console does not render
 * itself (a third-party widget), each with a reason at the call site.
 */
export async function expectNoSeriousA11yViolations(page: Page, label: string, exclude: string[] = []): Promise<void> {
  let builder = new AxeBuilder({ page });
  for (const selector of exclude) builder = builder.exclude(selector);
  const results = await builder.analyze();
  const failures = results.violations.filter((violation) => FAILING_IMPACTS.has(violation.impact ?? ''));

  const report = failures.map((violation) => {
    const targets = violation.nodes.map((node) => `    ${node.target.join(' ')}: ${node.failureSummary ?? ''}`).join('\n');
    return `  [${violation.impact}] ${violation.id}: ${violation.help}\n${targets}`;
  });
  expect({ page: label, violations: report }).toEqual({ page: label, violations: [] });
}
