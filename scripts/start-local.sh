#!/usr/bin/env bash
# Runs the gateway locally: installs Azurite (npm, into tools/), starts it with its data in .azurite/,
# then builds and starts the container host on http://127.0.0.1:4444 (override with HOST / PORT).
# Ctrl+C stops both. Settings come from the environment (see README "Settings").
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

npm ci --prefix tools --no-audit --no-fund --loglevel=error
mkdir -p .azurite
tools/node_modules/.bin/azurite --silent --skipApiVersionCheck --loose --location .azurite \
  --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 &
azurite_pid=$!
trap 'kill "$azurite_pid" 2>/dev/null || true' EXIT

export AUTH_ENCRYPTION_SECRET="${AUTH_ENCRYPTION_SECRET:-local-development-only-secret}"
export JWT_SECRET_KEY="${JWT_SECRET_KEY:-local-development-only-jwt-secret-change-me}"
# Local upstreams (REST APIs and MCP servers on this machine) are on loopback, which a deployment refuses.
export SSRF_ALLOW_LOCALHOST="${SSRF_ALLOW_LOCALHOST:-true}"
dotnet run --project src/Host -c Release -- "$@"
