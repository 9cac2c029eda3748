// Runs the MCP conformance suite (npm @modelcontextprotocol/conformance, installed in tools/) in every protocol
// revision the suite can target, in two legs by default, and prints a tally per scenario for each:
// - catalog: against the gateway's /mcp serving a catalog of REST tools, resources and prompts (catalog.mjs);
// - federation: against the reference upstream (tests/McpGateway.ConformanceUpstream) directly, then through a
//   gateway that federates it as a peer and serves exactly what it federated as a virtual server; the tally sets
//   the two side by side and marks each scenario that passes directly but not through the gateway;
// - upstream (only when asked for, as tests/conformance/upstream.sh does): the reference upstream directly, held to
//   its baseline of known failures, upstream-expected-failures.yaml.
//
//   tools/node_modules/.bin/node tests/conformance/run.mjs [--leg=catalog|federation|upstream ...] [revision ...]
//
// Failing scenarios do not fail the catalog and federation legs: the tally is the result. The run fails with exit
// code 2 when the harness itself breaks (a process does not start, the catalog or the federation cannot be set up,
// or the suite does not report), and with 1 when the upstream leg departs from its baseline. Each scenario's
// checks are kept in artifacts/conformance/<catalog|upstream|federated>/<revision>/.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot, startConformanceUpstream, startStack } from '../support/gateway-stack.mjs';
import { seedConformanceCatalog } from './catalog.mjs';
import { federateBehindServer } from './federation.mjs';
import { federationScenarios } from './federation-scenarios.mjs';
import { checkSuite, departuresFrom, describeCheck, runSuite, suiteRevisions } from './suite.mjs';

const resultsRoot = join(repositoryRoot, 'artifacts', 'conformance');
const baselineFile = join(repositoryRoot, 'tests', 'conformance', 'upstream-expected-failures.yaml');
const legs = { catalog: catalogLeg, federation: federationLeg, upstream: upstreamLeg };
const defaultLegs = ['catalog', 'federation'];
const olderUpstreamRevision = '2025-11-25';

const options = process.argv.slice(2);
const chosenLegs = options.filter((option) => option.startsWith('--leg=')).map((option) => option.slice('--leg='.length));
const chosenRevisions = options.filter((option) => !option.startsWith('--leg='));
const revisions = chosenRevisions.length > 0 ? chosenRevisions : suiteRevisions;

const started = Date.now();
try {
  const unknownLegs = chosenLegs.filter((leg) => !legs[leg]);
  if (unknownLegs.length > 0) {
    throw new Error(`Unknown leg ${unknownLegs.join(', ')}; the legs are ${Object.keys(legs).join(', ')}.`);
  }

  checkSuite(revisions);
  for (const leg of chosenLegs.length > 0 ? chosenLegs : defaultLegs) {
    await legs[leg](revisions);
  }
} catch (error) {
  console.error(error);
  process.exit(2);
}

console.log(`Conformance run took ${Math.round((Date.now() - started) / 1000)} s.`);

/** Runs every revision against one MCP endpoint, its checks kept under artifacts/conformance/<name>/. */
async function runRevisions(name, url, revisionsToRun) {
  rmSync(join(resultsRoot, name), { recursive: true, force: true });
  const tallies = [];
  for (const revision of revisionsToRun) {
    tallies.push(await runSuite(url, revision, join(resultsRoot, name, revision)));
  }

  return tallies;
}

async function catalogLeg(revisionsToRun) {
  const tallies = await withGateway(async (stack) => {
    await seedConformanceCatalog(stack);
    return runRevisions('catalog', `${stack.baseUrl}/mcp`, revisionsToRun);
  });
  printTally('the gateway catalog', tallies, federationScenarios);
}

async function federationLeg(revisionsToRun) {
  const [direct, ...throughGateways] = await withUpstream(async (upstreamUrl) => [
    await runRevisions('upstream', upstreamUrl, revisionsToRun),
    // A gateway of its own each time: the catalog leg's items would take the upstream's names.
    await federatedRuns('federated', upstreamUrl, revisionsToRun),
    // The same upstream as if it were older: the gateway speaks 2025-11-25 to it, so a 2026-07-28 caller's input
    // comes from the upstream's requests, which the gateway turns into input-required results.
    await federatedRuns('federated-2025-11-25', upstreamUrl, revisionsToRun, olderUpstreamRevision),
  ]);
  printComparison(direct, throughGateways[0], 'through the gateway (newest revision to the upstream)');
  printComparison(direct, throughGateways[1], `through the gateway speaking ${olderUpstreamRevision} to the upstream`);
  printDepartures(direct);
}

/** The suite against a virtual server of a gateway that federates the upstream (at a pinned revision, if given). */
function federatedRuns(name, upstreamUrl, revisionsToRun, upstreamRevision) {
  return withGateway(async (stack) => {
    const server = await federateBehindServer(stack, upstreamUrl, upstreamRevision);
    console.log(
      `Federated the upstream${upstreamRevision ? ` (at ${upstreamRevision})` : ''} behind ${server.mcpUrl}: ` +
        `${server.bundle.associated_tools.length} tools, ${server.bundle.associated_resources.length} resources and templates, ` +
        `${server.bundle.associated_prompts.length} prompts.`,
    );
    return runRevisions(name, server.mcpUrl, revisionsToRun);
  });
}

/** The reference upstream alone, held to its baseline: a departure from it fails the run (exit 1). */
async function upstreamLeg(revisionsToRun) {
  const direct = await withUpstream((upstreamUrl) => runRevisions('upstream', upstreamUrl, revisionsToRun));
  printTally('the reference upstream directly', direct);
  if (printDepartures(direct) > 0) {
    process.exitCode = 1;
  }
}

/** Runs use(stack) on a gateway started for it. The suite's server mode cannot send credentials, so it has none. */
async function withGateway(use) {
  const stack = await startStack({ settings: { AUTH_REQUIRED: 'false' } });
  try {
    return await use(stack);
  } finally {
    await stack.stop();
  }
}

/** Runs use(mcpUrl) on the reference upstream started for it. */
async function withUpstream(use) {
  const upstream = await startConformanceUpstream();
  try {
    return await use(upstream.mcpUrl);
  } finally {
    await upstream.stop();
  }
}

/** Prints where the upstream's direct runs depart from its baseline; returns how many departures there are. */
function printDepartures(direct) {
  const departures = departuresFrom(baselineFile, direct);
  console.log(departures.length === 0
    ? '\nThe reference upstream fails directly exactly what upstream-expected-failures.yaml lists.'
    : `\nThe reference upstream departs from upstream-expected-failures.yaml:\n${departures.map((line) => `  ${line}`).join('\n')}`);
  return departures.length;
}

/**
 * Each scenario's checks passed and failed, with the failed checks and warnings; a failed scenario in waiting (a map
 * from its name to what it needs) is marked as needing an MCP upstream (the federation leg runs it) rather than counted as failed otherwise.
 */
function printTally(title, results, waiting = {}) {
  const totals = { scenarios: 0, passedScenarios: 0, waiting: 0, passed: 0, failed: 0 };
  const waitingNote = (count) => (Object.keys(waiting).length > 0 ? `, ${count} failed for want of an MCP upstream (the federation leg runs them)` : '');
  console.log(`\n=== MCP conformance tally, ${title} (checks passed / failed per scenario; failed checks and warnings listed) ===`);
  for (const { revision, scenarios } of results) {
    const passedScenarios = scenarios.filter((scenario) => scenario.failed === 0).length;
    const waits = scenarios.filter((scenario) => scenario.failed > 0 && waiting[scenario.name]).length;
    const passed = scenarios.reduce((sum, scenario) => sum + scenario.passed, 0);
    const failed = scenarios.reduce((sum, scenario) => sum + scenario.failed, 0);
    console.log(
      `\n${revision}: ${passedScenarios}/${scenarios.length} scenarios passed${waitingNote(waits)}; checks ${passed} passed, ${failed} failed`,
    );
    for (const scenario of scenarios) {
      const mark = scenario.failed === 0 ? 'PASS' : 'FAIL';
      const waitsFor = scenario.failed > 0 && waiting[scenario.name];
      console.log(`  ${mark} ${scenario.name}: ${scenario.passed} passed, ${scenario.failed} failed${waitsFor ? ' [needs an MCP upstream]' : ''}`);
      if (waitsFor) {
        console.log(`       federation: ${waitsFor}`);
      }

      for (const check of scenario.reported) {
        console.log(`       - ${describeCheck(check)}`);
      }
    }

    totals.scenarios += scenarios.length;
    totals.passedScenarios += passedScenarios;
    totals.waiting += waits;
    totals.passed += passed;
    totals.failed += failed;
  }

  console.log(
    `\nConformance total, ${title}: ${totals.passedScenarios}/${totals.scenarios} scenario runs passed${waitingNote(totals.waiting)}, ` +
      `${totals.scenarios - totals.passedScenarios - totals.waiting} failed otherwise; checks ${totals.passed} passed, ${totals.failed} failed`,
  );
}

/**
 * The upstream's tally directly and through the gateway, revision by revision and scenario by scenario; a scenario
 * that passes directly but not through the gateway is marked with what failed.
 */
function printComparison(direct, federated, title) {
  const verdict = (scenario) => (scenario === undefined ? 'n/a ' : scenario.failed === 0 ? 'PASS' : 'FAIL');
  const summary = (scenarios) =>
    `${scenarios.filter((scenario) => scenario.failed === 0).length}/${scenarios.length} scenarios passed, checks ` +
    `${scenarios.reduce((sum, scenario) => sum + scenario.passed, 0)} passed, ${scenarios.reduce((sum, scenario) => sum + scenario.failed, 0)} failed`;
  const totals = { direct: [], federated: [], lost: 0 };
  console.log(`\n=== MCP conformance tally, the reference upstream directly | ${title} (a virtual server of its federated items) ===`);
  for (const [index, { revision, scenarios }] of direct.entries()) {
    const through = new Map(federated[index].scenarios.map((scenario) => [scenario.name, scenario]));
    const names = [...new Set([...scenarios.map((scenario) => scenario.name), ...through.keys()])];
    const byName = new Map(scenarios.map((scenario) => [scenario.name, scenario]));
    const lost = names.filter((name) => byName.get(name)?.failed === 0 && through.get(name)?.failed !== 0);
    console.log(`\n${revision}: directly ${summary(scenarios)} | through the gateway ${summary(federated[index].scenarios)}; ` +
      `${lost.length} pass directly but not through the gateway`);
    for (const name of names) {
      const [before, after] = [byName.get(name), through.get(name)];
      const marked = lost.includes(name);
      console.log(`  ${verdict(before)} | ${verdict(after)} ${name}${marked ? '   <-- passes directly, not through the gateway' : ''}`);
      // What failed directly is the upstream's (its baseline, upstream-expected-failures.yaml); what failed only
      // through the gateway is the federation's.
      for (const check of after?.reported ?? []) {
        if (!(before?.reported ?? []).some((known) => known.id === check.id && known.status === check.status)) {
          console.log(`       - ${describeCheck(check)}`);
        }
      }
    }

    totals.direct.push(...scenarios);
    totals.federated.push(...federated[index].scenarios);
    totals.lost += lost.length;
  }

  console.log(`\nFederation total, ${title}: directly ${summary(totals.direct)} | through the gateway ${summary(totals.federated)}; ` +
    `${totals.lost} scenario runs pass directly but not through the gateway`);
}
