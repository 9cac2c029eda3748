// Runs the MCP conformance suite (npm @modelcontextprotocol/conformance, installed in tools/) against the
// gateway's /mcp in every protocol revision the suite can target, and prints the tally per scenario and in total.
//
//   tools/node_modules/.bin/node tests/conformance/run.mjs [revision ...]
//
// Failing scenarios do not fail the run: the tally is the result. The run fails (exit 1) only when the harness
// itself breaks: the gateway does not start, the catalog cannot be created, or the suite does not report.
// Each scenario's checks are kept in artifacts/conformance/<revision>/.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot, startStack } from '../support/gateway-stack.mjs';
import { seedConformanceCatalog } from './catalog.mjs';
import { federationScenarios } from './federation-scenarios.mjs';

/** The revisions the suite's --spec-version accepts (it has no 2024-11-05 scenarios). */
const suiteRevisions = ['2025-03-26', '2025-06-18', '2025-11-25', '2026-07-28'];

const suiteCli = join(repositoryRoot, 'tools', 'node_modules', '@modelcontextprotocol', 'conformance', 'dist', 'index.js');
const resultsRoot = join(repositoryRoot, 'artifacts', 'conformance');

const revisions = process.argv.length > 2 ? process.argv.slice(2) : suiteRevisions;
const unknown = revisions.filter((revision) => !suiteRevisions.includes(revision));
if (unknown.length > 0) {
  throw new Error(`The suite cannot target ${unknown.join(', ')}; it targets ${suiteRevisions.join(', ')}.`);
}

if (!existsSync(suiteCli)) {
  throw new Error(`${suiteCli} is missing; run: npm ci --prefix tools`);
}

const started = Date.now();
// The suite's server mode cannot send credentials, so this gateway runs without them.
const stack = await startStack({ settings: { AUTH_REQUIRED: 'false' } });
const tallies = [];
try {
  await seedConformanceCatalog(stack);
  rmSync(resultsRoot, { recursive: true, force: true });
  for (const revision of revisions) {
    tallies.push(await runSuite(`${stack.baseUrl}/mcp`, revision));
  }
} finally {
  await stack.stop();
}

printTally(tallies);
console.log(`Conformance run took ${Math.round((Date.now() - started) / 1000)} s.`);

/** Runs every scenario of one revision; returns the suite's own per-scenario counts and the failed checks. */
async function runSuite(url, revision) {
  const outputDir = join(resultsRoot, revision);
  mkdirSync(outputDir, { recursive: true });
  const { code, output } = await run(process.execPath, [
    suiteCli, 'server', '--url', url, '--suite', 'all', '--spec-version', revision, '--output-dir', outputDir,
  ]);

  const planned = /Running all suite \((\d+) scenarios\)/.exec(output);
  const summary = output.split('=== SUMMARY ===')[1];
  const scenarios = [...(summary ?? '').matchAll(/^[✓✗] (\S+): (\d+) passed, (\d+) failed$/gmu)]
    .map(([, name, passed, failed]) => ({ name, passed: Number(passed), failed: Number(failed) }));
  // Exit code 1 means "some check failed"; anything else, or a run that does not account for every
  // scenario it planned, is the harness (or the suite) breaking.
  if ((code !== 0 && code !== 1) || !planned || scenarios.length !== Number(planned[1]) || scenarios.length === 0) {
    throw new Error(`The conformance suite did not report for ${revision} (exit code ${code}):\n${output.slice(-4000)}`);
  }

  const reported = reportedChecksIn(outputDir);
  return {
    revision,
    scenarios: scenarios.map((scenario) => ({ ...scenario, reported: reported.get(scenario.name) ?? [] })),
  };
}

/** The failed checks and warnings of each scenario, from the checks.json files the suite writes per scenario. */
function reportedChecksIn(outputDir) {
  const reported = new Map();
  for (const folder of readdirSync(outputDir)) {
    const scenario = /^server-(.+)-\d{4}-\d{2}-\d{2}T[\d-]+Z$/.exec(folder)?.[1];
    const file = join(outputDir, folder, 'checks.json');
    if (scenario && existsSync(file)) {
      const checks = JSON.parse(readFileSync(file, 'utf8'));
      reported.set(scenario, checks.filter((check) => check.status === 'FAILURE' || check.status === 'WARNING'));
    }
  }

  return reported;
}

function printTally(results) {
  const totals = { scenarios: 0, passedScenarios: 0, federation: 0, passed: 0, failed: 0 };
  console.log('\n=== MCP conformance tally (checks passed / failed per scenario; failed checks and warnings listed) ===');
  for (const { revision, scenarios } of results) {
    const passedScenarios = scenarios.filter((scenario) => scenario.failed === 0).length;
    const federation = scenarios.filter((scenario) => scenario.failed > 0 && federationScenarios[scenario.name]).length;
    const passed = scenarios.reduce((sum, scenario) => sum + scenario.passed, 0);
    const failed = scenarios.reduce((sum, scenario) => sum + scenario.failed, 0);
    console.log(
      `\n${revision}: ${passedScenarios}/${scenarios.length} scenarios passed, ${federation} failed waiting for federation; ` +
        `checks ${passed} passed, ${failed} failed`,
    );
    for (const scenario of scenarios) {
      const mark = scenario.failed === 0 ? 'PASS' : 'FAIL';
      const waits = scenario.failed > 0 && federationScenarios[scenario.name];
      console.log(`  ${mark} ${scenario.name}: ${scenario.passed} passed, ${scenario.failed} failed${waits ? ' [needs an MCP upstream]' : ''}`);
      if (waits) {
        console.log(`       federation: ${waits}`);
      }

      for (const check of scenario.reported) {
        const kind = check.status === 'WARNING' ? 'warning ' : '';
        console.log(`       - ${kind}${check.id}: ${oneLine(check.errorMessage ?? check.description)}`);
      }
    }

    totals.scenarios += scenarios.length;
    totals.passedScenarios += passedScenarios;
    totals.federation += federation;
    totals.passed += passed;
    totals.failed += failed;
  }

  console.log(
    `\nConformance total: ${totals.passedScenarios}/${totals.scenarios} scenario runs passed, ` +
      `${totals.federation} failed waiting for federation, ${totals.scenarios - totals.passedScenarios - totals.federation} failed otherwise; ` +
      `checks ${totals.passed} passed, ${totals.failed} failed`,
  );
}

function oneLine(text) {
  const line = `${text}`.replace(/\s+/g, ' ');
  return line.length > 240 ? `${line.slice(0, 240)}...` : line;
}

function run(command, args) {
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, args, { cwd: repositoryRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => { output += chunk; });
    child.stderr.on('data', (chunk) => { output += chunk; });
    child.once('error', reject);
    child.once('close', (code) => resolveRun({ code, output }));
  });
}
