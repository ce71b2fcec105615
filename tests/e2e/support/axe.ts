// Accessibility scans for the e2e tests, run once the page's CSS transitions have ended. A button
// that a fetch has just enabled fades from its disabled grey for 150 ms (`transition-colors`); a
// scan in that moment reads a colour no one rests on and reports a contrast failure (CI once caught
// the dataflow panel's "Refresh" halfway).
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** "wcag21aa": the WCAG 2.1 A and AA rules; "all": every axe rule, best practices included. */
export type AxeRules = "wcag21aa" | "all";

const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

export async function expectNoAxeViolations(page: Page, where: string, rules: AxeRules = "wcag21aa"): Promise<void> {
  await page.waitForFunction(() => document.getAnimations().every((animation) => !(animation instanceof CSSTransition) || animation.playState !== "running"));
  const builder = new AxeBuilder({ page });
  const results = await (rules === "all" ? builder : builder.withTags(WCAG_21_AA)).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary, `axe violations on ${where}`).toEqual([]);
}
