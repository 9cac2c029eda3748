#!/usr/bin/env bash
# Runs the MCP conformance suite (npm @modelcontextprotocol/conformance, installed in tools/) against the reference
# upstream, tests/McpGateway.ConformanceUpstream, in every protocol revision the suite can target, and prints the
# tally per revision with every check that did not pass.
#
#   tests/conformance/upstream.sh [revision ...]      (after `npm ci --prefix tools`)
#
# The upstream is built, started on a free 127.0.0.1 port and stopped at the end. The suite's checks are kept in
# artifacts/conformance-upstream/<revision>/, the logs beside them. Exit status: 0 when nothing failed beyond the
# known failures in upstream-expected-failures.yaml, 1 when something else failed (or a known failure now passes),
# 2 when the harness itself broke (no build, no upstream, or a suite run that did not report every scenario).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
node="$root/tools/node_modules/.bin/node"
suite="$root/tools/node_modules/@modelcontextprotocol/conformance/dist/index.js"
baseline="$root/tests/conformance/upstream-expected-failures.yaml"
project="$root/tests/McpGateway.ConformanceUpstream"
results="$root/artifacts/conformance-upstream"
# The revisions --spec-version accepts; the suite has no scenario for 2024-11-05.
revisions=("$@")
[[ ${#revisions[@]} -gt 0 ]] || revisions=(2025-03-26 2025-06-18 2025-11-25 2026-07-28)

if [[ ! -x "$node" || ! -f "$suite" ]]; then
  echo "The conformance suite is missing; run: npm ci --prefix tools" >&2
  exit 2
fi

rm -rf "$results"
mkdir -p "$results"
if ! dotnet build "$project" --nologo >"$results/build.log" 2>&1; then
  cat "$results/build.log" >&2
  exit 2
fi

dotnet "$project/bin/Debug/net10.0/McpGateway.ConformanceUpstream.dll" --urls http://127.0.0.1:0 >"$results/upstream.log" 2>&1 &
upstream=$!
trap 'kill "$upstream" 2>/dev/null || true; wait "$upstream" 2>/dev/null || true' EXIT

# Port 0 lets Kestrel pick a free port; its start-up log says which.
base=""
for _ in $(seq 300); do
  base="$(grep -om1 'http://127\.0\.0\.1:[0-9]*' "$results/upstream.log" || true)"
  [[ -z "$base" ]] || break
  if ! kill -0 "$upstream" 2>/dev/null; then
    break
  fi
  sleep 0.1
done
if [[ -z "$base" ]]; then
  echo "The upstream did not start:" >&2
  cat "$results/upstream.log" >&2
  exit 2
fi
echo "Upstream listening on $base/mcp"

status=0
for revision in "${revisions[@]}"; do
  code=0
  "$node" "$suite" server --url "$base/mcp" --suite all --spec-version "$revision" \
    --expected-failures "$baseline" -o "$results/$revision" >"$results/$revision.log" 2>&1 || code=$?
  tally=0
  "$node" - "$results/$revision" "$results/$revision.log" "$baseline" <<'TALLY' || tally=$?
// Tallies one revision from the checks.json the suite wrote per scenario; exits 2 if the run did not cover
// every scenario it planned.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, log, baseline] = process.argv.slice(2);
const revision = dir.split('/').pop();
const planned = Number(/Running all suite \((\d+) scenarios\)/.exec(readFileSync(log, 'utf8'))?.[1] ?? NaN);
const expected = new Set([...readFileSync(baseline, 'utf8').matchAll(/^\s*-\s*(\S+)\s*$/gm)].map(([, entry]) => entry));
const scenarios = (existsSync(dir) ? readdirSync(dir) : [])
  .map((folder) => ({ folder, name: /^server-(.+)-\d{4}-\d{2}-\d{2}T[\d-]+Z$/.exec(folder)?.[1] }))
  .filter(({ folder, name }) => name && existsSync(join(dir, folder, 'checks.json')))
  .map(({ folder, name }) => ({ name, checks: JSON.parse(readFileSync(join(dir, folder, 'checks.json'), 'utf8')) }))
  .sort((a, b) => a.name.localeCompare(b.name));

const count = (status) => scenarios.flatMap((s) => s.checks).filter((c) => c.status === status).length;
const failed = scenarios.filter((s) => s.checks.some((c) => c.status === 'FAILURE'));
console.log(`${revision}: ${scenarios.length - failed.length}/${scenarios.length} scenarios passed; checks: ` +
  `${count('SUCCESS')} passed, ${count('FAILURE')} failed, ${count('WARNING')} warnings, ${count('SKIPPED')} skipped`);
for (const { name, checks } of scenarios) {
  for (const check of checks.filter((c) => ['FAILURE', 'WARNING', 'SKIPPED'].includes(c.status))) {
    const known = expected.has(`${name}:${check.id}`) || expected.has(name) ? ' (known, in the baseline)' : '';
    const why = check.errorMessage ?? check.details?.message ?? check.details?.note ?? check.description;
    console.log(`  ${check.status.padEnd(7)} ${name} / ${check.id}${known}: ${why}`);
  }
}
process.exit(scenarios.length === planned ? 0 : 2);
TALLY
  if [[ $tally -ne 0 || $code -gt 1 ]]; then
    echo "  The suite did not report every scenario for $revision (exit code $code); see $results/$revision.log" >&2
    status=2
  elif [[ $code -ne 0 && $status -eq 0 ]]; then
    status=1
  fi
done

[[ $status -ne 1 ]] || echo "Failures beyond upstream-expected-failures.yaml: see the suite's own verdict in $results/<revision>.log" >&2
exit $status
