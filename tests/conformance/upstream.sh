#!/usr/bin/env bash
# Runs the MCP conformance suite (npm @modelcontextprotocol/conformance, installed in tools/) against the reference
# upstream, tests/McpGateway.ConformanceUpstream, in every protocol revision the suite can target, and prints the
# tally per revision with every check that did not pass: run.mjs's upstream leg, after a Release build of the upstream.
#
#   tests/conformance/upstream.sh [revision ...]      (after `npm ci --prefix tools`)
#
# The upstream is started on a free 127.0.0.1 port and stopped at the end; the suite's checks are kept in
# artifacts/conformance/upstream/<revision>/. Exit status: 0 when the upstream fails exactly the known failures in
# upstream-expected-failures.yaml, 1 when something else failed (or a known failure now passes), 2 when the harness
# itself broke (no build, no upstream, or a suite run that did not report every scenario).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
node="$root/tools/node_modules/.bin/node"
if [[ ! -x "$node" ]]; then
  echo "Node is missing; run: npm ci --prefix tools" >&2
  exit 2
fi

if ! build="$(dotnet build "$root/tests/McpGateway.ConformanceUpstream" -c Release --nologo 2>&1)"; then
  echo "$build" >&2
  exit 2
fi

exec "$node" "$root/tests/conformance/run.mjs" --leg=upstream "$@"
