#!/usr/bin/env bash
# Runs every test: installs Azurite (npm, into tools/), builds the solution, runs all test projects.
# The test fixtures start their own Azurite and gateway processes on free 127.0.0.1 ports.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

npm ci --prefix tools --no-audit --no-fund --loglevel=error
dotnet build McpGateway.Functions.sln -c Release
set +e
dotnet test McpGateway.Functions.sln -c Release --no-build 2>&1 | tee /tmp/mcpgateway-test.log
status=${PIPESTATUS[0]}
set -e

# One plain summary line over every test project (Microsoft.Testing.Platform prints one block per run).
awk '/^  succeeded:/ {p+=$2} /^  failed:/ {f+=$2} /^  skipped:/ {s+=$2} END {printf "%d passed, %d failed, %d skipped\n", p, f, s}' /tmp/mcpgateway-test.log
exit "$status"
