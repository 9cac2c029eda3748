#!/usr/bin/env bash
# Benchmarks tools/call of a REST tool through the gateway (Streamable HTTP: 2026-07-28 stateless and a 2025-11-25
# session) against calling the REST endpoint directly, and prints the figures. Not part of the tests.
# Installs Azurite (npm, into tools/), builds in Release and passes its arguments on (--help lists them), e.g.
#   ./scripts/bench.sh --requests 2000 --concurrency 1,8,32 --seconds 120
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

npm ci --prefix tools --no-audit --no-fund --loglevel=error
dotnet build tests/McpGateway.Benchmarks -c Release -nologo -v quiet
dotnet tests/McpGateway.Benchmarks/bin/Release/net10.0/McpGateway.Benchmarks.dll "$@"
