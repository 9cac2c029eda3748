// Runs the MCP conformance suite (npm @modelcontextprotocol/conformance, installed in tools/) against one MCP
// endpoint in one revision and reads back its verdict per scenario. Shared by every leg of tests/conformance/run.mjs.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from '../support/gateway-stack.mjs';

/** The revisions the suite's --spec-version accepts (it has no 2024-11-05 scenarios). */
export const suiteRevisions = ['2025-03-26', '2025-06-18', '2025-11-25', '2026-07-28'];

const suiteCli = join(repositoryRoot, 'tools', 'node_modules', '@modelcontextprotocol', 'conformance', 'dist', 'index.js');

/** Throws unless the suite is installed and can target every one of the revisions. */
export function checkSuite(revisions) {
  const unknown = revisions.filter((revision) => !suiteRevisions.includes(revision));
  if (unknown.length > 0) {
    throw new Error(`The suite cannot target ${unknown.join(', ')}; it targets ${suiteRevisions.join(', ')}.`);
  }

  if (!existsSync(suiteCli)) {
    throw new Error(`${suiteCli} is missing; run: npm ci --prefix tools`);
  }
}

/**
 * Runs every scenario of one revision against url, keeping the suite's checks in outputDir.
 * @returns the suite's own per-scenario counts and each scenario's failed checks and warnings
 */
export async function runSuite(url, revision, outputDir) {
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
    throw new Error(`The conformance suite did not report for ${revision} at ${url} (exit code ${code}):\n${output.slice(-4000)}`);
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

/** One reported check on one line: its id and why it failed (or what it warns about). */
export function describeCheck(check) {
  const kind = check.status === 'WARNING' ? 'warning ' : '';
  const line = `${check.errorMessage ?? check.description}`.replace(/\s+/g, ' ');
  return `${kind}${check.id}: ${line.length > 240 ? `${line.slice(0, 240)}...` : line}`;
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

/**
 * Where runs depart from a baseline of known failures (the suite's --expected-failures file: `scenario` or
 * `scenario:check` entries): a check that failed without an entry, or an entry whose scenario ran in a revision
 * without that failure.
 */
export function departuresFrom(baselineFile, tallies) {
  const expected = [...readFileSync(baselineFile, 'utf8').matchAll(/^\s*-\s*(\S+)\s*$/gm)].map(([, entry]) => entry);
  const departures = [];
  for (const { revision, scenarios } of tallies) {
    const failures = scenarios.flatMap((scenario) => scenario.reported
      .filter((check) => check.status === 'FAILURE')
      .map((check) => ({ scenario: scenario.name, entry: `${scenario.name}:${check.id}`, check })));
    for (const { scenario, entry, check } of failures) {
      if (!expected.includes(entry) && !expected.includes(scenario)) {
        departures.push(`${revision} ${scenario}: fails without a baseline entry: ${describeCheck(check)}`);
      }
    }

    for (const entry of expected) {
      const scenario = entry.split(':')[0];
      const ran = scenarios.some((candidate) => candidate.name === scenario);
      if (ran && !failures.some((failure) => failure.entry === entry || failure.scenario === entry)) {
        departures.push(`${revision} ${entry}: in the baseline but passes`);
      }
    }
  }

  return departures;
}
