#!/usr/bin/env bash
# Runs every test: installs the node tools (npm, into tools/ and tests/typescript/) and the Admin UI's build tools
# (src/Shared/Admin: Tailwind, HTMX, Alpine.js; the build embeds what they produce), builds the solution, runs all
# test projects (the Admin UI's in Debian's chromium), then the TypeScript SDK client tests and the MCP conformance
# suite against the built gateway.
# The fixtures start their own Azurite, gateway and backend processes on free 127.0.0.1 ports.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

npm ci --prefix tools --no-audit --no-fund --loglevel=error
npm ci --prefix tests/typescript --no-audit --no-fund --loglevel=error
npm ci --prefix src/Shared/Admin --no-audit --no-fund --loglevel=error
command -v chromium >/dev/null || [ -n "${CHROMIUM_PATH:-}" ] || echo "chromium is missing: the Admin UI tests will fail (apt-get install -y chromium)" >&2
dotnet build McpGateway.Functions.sln -c Release
set +e
dotnet test McpGateway.Functions.sln -c Release --no-build 2>&1 | tee /tmp/mcpgateway-test.log
status=${PIPESTATUS[0]}

# Node 22 from tools/ (the conformance suite needs it); elsewhere than Linux x64, the node on the PATH.
node=tools/node_modules/.bin/node
[ -x "$node" ] || node=node
node_tap=/tmp/mcpgateway-node-test.tap
: >"$node_tap"
"$node" --test --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$node_tap" "tests/typescript/*.test.mjs" || status=1

# The conformance tally is a report, not a verdict: only a broken harness fails the run.
"$node" tests/conformance/run.mjs || status=1
set -e

# One plain summary line over every test project (Microsoft.Testing.Platform prints one block per run) and the
# node tests (a cancelled node test counts as failed).
read -r node_passed node_failed node_skipped < <(
  awk '/^# pass / {p=$3} /^# fail / {f+=$3} /^# cancelled / {f+=$3} /^# skipped / {s=$3} END {print p+0, f+0, s+0}' "$node_tap")
awk -v np="$node_passed" -v nf="$node_failed" -v ns="$node_skipped" \
  '/^  succeeded:/ {p+=$2} /^  failed:/ {f+=$2} /^  skipped:/ {s+=$2} END {printf "%d passed, %d failed, %d skipped\n", p+np, f+nf, s+ns}' \
  /tmp/mcpgateway-test.log
exit "$status"
