// Runs the MCP conformance suite (npm @modelcontextprotocol/conformance, installed in tools/) in every protocol
// revision the suite can target, in two legs, and prints a tally per scenario for each:
// - catalog: against the gateway's /mcp serving a catalog of REST tools, resources and prompts (catalog.mjs);
// - federation: against the reference upstream (tests/McpGateway.ConformanceUpstream) directly, then through a
//   gateway that federates it as a peer and serves exactly what it federated as a virtual server; the tally sets
//   the two side by side and marks each scenario that passes directly but not through the gateway.
//
//   tools/node_modules/.bin/node tests/conformance/run.mjs [--leg=catalog|federation] [revision ...]
//
// Failing scenarios do not fail the run: the tally is the result. The run fails (exit 1) only when the harness
// itself breaks: a process does not start, the catalog or the federation cannot be set up, or the suite does not
// report. Each scenario's checks are kept in artifacts/conformance/<leg>/<revision>/.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot, startConformanceUpstream, startStack } from '../support/gateway-stack.mjs';
import { seedConformanceCatalog } from './catalog.mjs';
import { federateBehindServer } from './federation.mjs';
import { federationScenarios } from './federation-scenarios.mjs';
import { checkSuite, describeCheck, runSuite, suiteRevisions } from './suite.mjs';

const resultsRoot = join(repositoryRoot, 'artifacts', 'conformance');
const legs = { catalog: catalogLeg, federation: federationLeg };

const options = process.argv.slice(2);
const chosenLegs = options.filter((option) => option.startsWith('--leg=')).map((option) => option.slice('--leg='.length));
const revisions = options.filter((option) => !option.startsWith('--leg='));
const unknownLegs = chosenLegs.filter((leg) => !legs[leg]);
if (unknownLegs.length > 0) {
  throw new Error(`Unknown leg ${unknownLegs.join(', ')}; the legs are ${Object.keys(legs).join(', ')}.`);
}

checkSuite(revisions.length > 0 ? revisions : suiteRevisions);
const started = Date.now();
for (const leg of chosenLegs.length > 0 ? chosenLegs : Object.keys(legs)) {
  await legs[leg](revisions.length > 0 ? revisions : suiteRevisions);
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
  // The suite's server mode cannot send credentials, so this gateway runs without them.
  const stack = await startStack({ settings: { AUTH_REQUIRED: 'false' } });
  let tallies;
  try {
    await seedConformanceCatalog(stack);
    tallies = await runRevisions('catalog', `${stack.baseUrl}/mcp`, revisionsToRun);
  } finally {
    await stack.stop();
  }

  printTally(tallies);
}

async function federationLeg(revisionsToRun) {
  const upstream = await startConformanceUpstream();
  let direct;
  let federated;
  try {
    direct = await runRevisions('upstream', upstream.mcpUrl, revisionsToRun);
    // A gateway of its own: the catalog leg's items would take the upstream's names.
    const stack = await startStack({ settings: { AUTH_REQUIRED: 'false' } });
    try {
      const server = await federateBehindServer(stack, upstream.mcpUrl);
      console.log(
        `Federated the upstream behind ${server.mcpUrl}: ${server.bundle.associated_tools.length} tools, ` +
          `${server.bundle.associated_resources.length} resources and templates, ${server.bundle.associated_prompts.length} prompts.`,
      );
      federated = await runRevisions('federated', server.mcpUrl, revisionsToRun);
    } finally {
      await stack.stop();
    }
  } finally {
    await upstream.stop();
  }

  printComparison(direct, federated);
}

function printTally(results) {
  const totals = { scenarios: 0, passedScenarios: 0, federation: 0, passed: 0, failed: 0 };
  console.log('\n=== MCP conformance tally, the gateway catalog (checks passed / failed per scenario; failed checks and warnings listed) ===');
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
        console.log(`       - ${describeCheck(check)}`);
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

/**
 * The upstream's tally directly and through the gateway, revision by revision and scenario by scenario; a scenario
 * that passes directly but not through the gateway is marked with what failed.
 */
function printComparison(direct, federated) {
  const verdict = (scenario) => (scenario === undefined ? 'n/a ' : scenario.failed === 0 ? 'PASS' : 'FAIL');
  const summary = (scenarios) =>
    `${scenarios.filter((scenario) => scenario.failed === 0).length}/${scenarios.length} scenarios passed, checks ` +
    `${scenarios.reduce((sum, scenario) => sum + scenario.passed, 0)} passed, ${scenarios.reduce((sum, scenario) => sum + scenario.failed, 0)} failed`;
  const totals = { direct: [], federated: [], lost: 0 };
  console.log('\n=== MCP conformance tally, the reference upstream directly | through the gateway (a virtual server of its federated items) ===');
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

  console.log(`\nFederation total: directly ${summary(totals.direct)} | through the gateway ${summary(totals.federated)}; ` +
    `${totals.lost} scenario runs pass directly but not through the gateway`);
}
