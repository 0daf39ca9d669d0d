// Adds up Jest's JSON reports and the counts of the other checks into the closing line
// `tests: N passed, N failed, N skipped` that CI reads.
import fs from 'node:fs';
import path from 'node:path';

const [resultsDir, passedChecks, failedChecks, flag] = process.argv.slice(2);
let passed = Number(passedChecks);
let failed = Number(failedChecks);
let skipped = 0;

for (const file of fs.existsSync(resultsDir) ? fs.readdirSync(resultsDir) : []) {
  if (!file.endsWith('.json')) continue;
  const report = JSON.parse(fs.readFileSync(path.join(resultsDir, file), 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0);
  skipped += report.numPendingTests + (report.numTodoTests ?? 0);
  if (flag !== '--line-only') {
    console.log(`${file}: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.numPendingTests} skipped`);
  }
}

console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
