#!/usr/bin/env node
// `npm test`: every suite in order, then one closing line "N passed, N failed" summing them all,
// which is the line CI reads. Type checks, lint and the build count as one check each.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const bin = (name) => `node_modules/.bin/${name}`;
const results = [];

function run(label, cmd, args, env = {}) {
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return { ok: r.status === 0, seconds };
}

function check(label, cmd, args) {
  const r = run(label, cmd, args);
  results.push({ label, passed: r.ok ? 1 : 0, failed: r.ok ? 0 : 1, seconds: r.seconds });
  return r.ok;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

mkdirSync('test-results', { recursive: true });

check('typecheck (node)', bin('tsc'), ['-p', 'tsconfig.node.json']);
check('typecheck (web)', bin('tsc'), ['-p', 'tsconfig.web.json']);
check('typecheck (bench page)', bin('tsc'), ['-p', 'bench/map/tsconfig.json']);
check('lint', bin('eslint'), ['.', '--max-warnings=0']);
check('format (prettier)', bin('prettier'), ['--check', '.']);

rmSync('test-results/vitest.json', { force: true });
const vt = run('vitest', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  '--outputFile.json=test-results/vitest.json',
]);
const vj = readJson('test-results/vitest.json');
if (vj) {
  // A suite that fails to load has no tests in the counts: count it as a failure.
  const brokenFiles = (vj.testResults ?? []).filter(
    (f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0,
  ).length;
  results.push({
    label: 'vitest',
    passed: vj.numPassedTests,
    failed:
      vj.numFailedTests + brokenFiles + (vt.ok || vj.numFailedTests + brokenFiles > 0 ? 0 : 1),
    skipped: vj.numPendingTests + vj.numTodoTests,
    seconds: vt.seconds,
  });
} else {
  results.push({ label: 'vitest (no report)', passed: 0, failed: 1, seconds: vt.seconds });
}

const built = check('build (electron-vite)', bin('electron-vite'), ['build']);
if (built) {
  rmSync('test-results/playwright.json', { force: true });
  const pw = run('playwright', bin('playwright'), ['test']);
  const pj = readJson('test-results/playwright.json');
  if (pj?.stats) {
    const failed = pj.stats.unexpected + (pj.errors?.length ?? 0);
    results.push({
      label: 'playwright',
      passed: pj.stats.expected + pj.stats.flaky,
      failed: failed + (pw.ok || failed > 0 ? 0 : 1),
      skipped: pj.stats.skipped,
      seconds: pw.seconds,
    });
  } else {
    results.push({ label: 'playwright (no report)', passed: 0, failed: 1, seconds: pw.seconds });
  }
} else {
  results.push({ label: 'playwright (not run: build failed)', passed: 0, failed: 1, seconds: '0' });
}

console.log('\n=== summary');
let passed = 0;
let failed = 0;
let skipped = 0;
for (const r of results) {
  passed += r.passed;
  failed += r.failed;
  skipped += r.skipped ?? 0;
  console.log(
    `${r.label.padEnd(36)} ${String(r.passed).padStart(5)} passed ${String(r.failed).padStart(4)} failed` +
      `${r.skipped ? ` ${r.skipped} skipped` : ''}  (${r.seconds}s)`,
  );
}
if (!existsSync('out/main/serve.js')) console.log('note: out/main/serve.js was not built');
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed === 0 ? 0 : 1);
