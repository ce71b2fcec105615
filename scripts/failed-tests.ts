// What `npm test` prints after its timing table when a vitest step fails: the failed tests by
// name, with the first line of each failure. CI keeps only the end of the output, where a long
// suite's own summary has long scrolled away.
import { existsSync, readFileSync } from "node:fs";
import { relative } from "node:path";

type VitestJsonReport = {
  testResults?: {
    name: string;
    status?: string;
    message?: string;
    assertionResults?: { fullName: string; status: string; failureMessages?: string[] }[];
  }[];
};

const firstLine = (text: string | undefined) => (text ?? "").split("\n").find((line) => line.trim() !== "")?.trim().slice(0, 240) ?? "";

/** One line per failed test (or per file that failed before its tests ran), from vitest's JSON report. */
export function failedTests(reportFile: string): string[] {
  if (!existsSync(reportFile)) return [];
  const report = JSON.parse(readFileSync(reportFile, "utf8")) as VitestJsonReport;
  const lines: string[] = [];
  for (const file of report.testResults ?? []) {
    const path = relative(process.cwd(), file.name);
    const failed = (file.assertionResults ?? []).filter((test) => test.status === "failed");
    for (const test of failed) lines.push(`${path} › ${test.fullName}\n      ${firstLine(test.failureMessages?.[0])}`);
    if (failed.length === 0 && file.status === "failed") lines.push(`${path}\n      ${firstLine(file.message)}`);
  }
  return lines;
}
