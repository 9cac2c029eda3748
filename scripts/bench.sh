#!/usr/bin/env bash
# Measures the gateway side by side with direct calls and with the proxies it competes with, and prints one Markdown
# table of figures and targets (README.md, "Benchmarks", says what each row measures). Not part of the tests; every
# process it starts listens on 127.0.0.1 and the run stops by itself (a hard cap bounds it).
# Installs the node tools (npm, into tools/: Azurite, server-everything, supergateway, mcp-proxy), builds in Release
# and passes its arguments on (--help lists them), e.g. a smoke run:
#   ./scripts/bench.sh --only rest,stdio --seconds 2 --warmup 1
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

npm ci --prefix tools --no-audit --no-fund --loglevel=error
dotnet build tests/McpGateway.Benchmarks -c Release -nologo -v quiet
dotnet tests/McpGateway.Benchmarks/bin/Release/net10.0/McpGateway.Benchmarks.dll "$@"
