// Starts what the node clients' tests run against, all on 127.0.0.1 and free ports: a real Azurite (from
// tools/node_modules) with a data folder of its own, the REST backend the catalog's REST tools call
// (tests/McpGateway.RestBackend) and the gateway's container host, both from their Release build output; and, on
// its own, the reference MCP upstream (tests/McpGateway.ConformanceUpstream) the gateway can federate.
// Shared by the conformance harness (tests/conformance) and the TypeScript SDK tests (tests/typescript);
// it uses node's built-in modules only, so either can import it without installing anything.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const credentials = Object.freeze({ user: 'admin', password: 'node-tests-password' });

const azuriteAccountKey = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const startTimeoutMs = 60_000;
const outputLines = 200;

const releaseBuild = (...parts) => join(repositoryRoot, ...parts, 'bin', 'Release', 'net10.0');
const hostAssembly = join(releaseBuild('src', 'Host'), 'McpGateway.Host.dll');
const backendAssembly = join(releaseBuild('tests', 'McpGateway.RestBackend'), 'McpGateway.RestBackend.dll');
const upstreamAssembly = join(releaseBuild('tests', 'McpGateway.ConformanceUpstream'), 'McpGateway.ConformanceUpstream.dll');
const azuriteScript = join(repositoryRoot, 'tools', 'node_modules', 'azurite', 'dist', 'src', 'azurite.js');

/** The Authorization header value of the gateway's Basic credentials. */
export const basicAuthorization = () =>
  'Basic ' + Buffer.from(`${credentials.user}:${credentials.password}`).toString('base64');

/**
 * Starts Azurite, the REST backend and the gateway host.
 * @param {{ settings?: Record<string, string> }} options gateway settings added to (or replacing) the defaults
 * @returns the gateway's base URL, the backend's, api(method, path, body) for the REST API, and stop()
 */
export async function startStack({ settings = {} } = {}) {
  for (const [path, hint] of [
    [azuriteScript, 'run: npm ci --prefix tools'],
    [hostAssembly, 'run: dotnet build McpGateway.Functions.sln -c Release'],
    [backendAssembly, 'run: dotnet build McpGateway.Functions.sln -c Release'],
  ]) {
    if (!existsSync(path)) {
      throw new Error(`${path} is missing; ${hint}`);
    }
  }

  const children = [];
  const dataFolder = mkdtempSync(join(tmpdir(), 'mcpgw-node-azurite-'));
  const stop = async () => {
    // The host first: its open connections to Azurite would hold Azurite's shutdown.
    for (const child of [...children].reverse()) {
      await child.stop();
    }

    rmSync(dataFolder, { recursive: true, force: true });
  };

  try {
    const [blobPort, queuePort, tablePort, backendPort, hostPort] = await freePorts(5);
    const azurite = start('azurite', process.execPath, [
      azuriteScript, '--silent', '--skipApiVersionCheck', '--loose', '--disableProductStyleUrl', '--location', dataFolder,
      '--blobHost', '127.0.0.1', '--blobPort', `${blobPort}`,
      '--queueHost', '127.0.0.1', '--queuePort', `${queuePort}`,
      '--tableHost', '127.0.0.1', '--tablePort', `${tablePort}`,
    ], {}, 'SIGKILL'); // its data is thrown away, and its graceful shutdown takes many seconds
    children.push(azurite);
    const backend = start('REST backend', 'dotnet', [backendAssembly], { PORT: `${backendPort}` });
    children.push(backend);
    await azurite.listening(tablePort);
    await azurite.listening(blobPort);
    await backend.listening(backendPort);

    const host = start('gateway host', 'dotnet', [hostAssembly], {
      HOST: '127.0.0.1',
      PORT: `${hostPort}`,
      CatalogStorage:
        `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${azuriteAccountKey};` +
        `BlobEndpoint=http://127.0.0.1:${blobPort}/devstoreaccount1;TableEndpoint=http://127.0.0.1:${tablePort}/devstoreaccount1;`,
      STORAGE_PREFIX: 'node',
      BASIC_AUTH_USER: credentials.user,
      BASIC_AUTH_PASSWORD: credentials.password,
      AUTH_ENCRYPTION_SECRET: 'node-tests-encryption-secret',
      SSRF_ALLOW_LOCALHOST: 'true', // the REST backend and the MCP upstreams listen on 127.0.0.1
      LOG_LEVEL: 'WARNING',
      DOTNET_ENVIRONMENT: 'Production',
      ...settings,
    });
    children.push(host);
    await host.listening(hostPort);

    const baseUrl = `http://127.0.0.1:${hostPort}`;
    await waitForHealth(baseUrl, host);
    return {
      baseUrl,
      backendUrl: `http://127.0.0.1:${backendPort}`,
      api: (method, path, body) => callApi(baseUrl, method, path, body),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Starts the reference MCP upstream (Streamable HTTP) on a free port.
 * @returns its MCP endpoint's URL and stop()
 */
export async function startConformanceUpstream() {
  if (!existsSync(upstreamAssembly)) {
    throw new Error(`${upstreamAssembly} is missing; run: dotnet build McpGateway.Functions.sln -c Release`);
  }

  const [port] = await freePorts(1);
  const upstream = start('conformance upstream', 'dotnet', [upstreamAssembly, '--urls', `http://127.0.0.1:${port}`], {
    DOTNET_ENVIRONMENT: 'Production',
    Logging__LogLevel__Default: 'Warning',
  });
  try {
    await upstream.listening(port);
  } catch (error) {
    await upstream.stop();
    throw error;
  }

  return { mcpUrl: `http://127.0.0.1:${port}/mcp`, stop: upstream.stop };
}

/** Calls the gateway's REST API with its Basic credentials; a status other than 2xx is an error naming the call. */
async function callApi(baseUrl, method, path, body) {
  const response = await fetch(new URL(path, baseUrl), {
    method,
    headers: { Authorization: basicAuthorization(), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${method} ${path} answered HTTP ${response.status}: ${text}`);
  }

  return text.length === 0 ? undefined : JSON.parse(text);
}

/** A child process whose output is kept (the last lines) for the error that explains a failed start. */
function start(name, command, args, environment, stopSignal = 'SIGINT') {
  const child = spawn(command, args, {
    cwd: repositoryRoot,
    env: { ...process.env, ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = [];
  const keep = (chunk) => {
    lines.push(...chunk.toString().split('\n').filter((line) => line.length > 0));
    lines.splice(0, Math.max(0, lines.length - outputLines));
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = child.exitCode !== null;
  const exit = new Promise((resolveExit) => child.once('exit', () => { exited = true; resolveExit(); }));
  // A harness that dies some other way still takes its processes with it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const output = () => lines.join('\n');
  return {
    output,
    async listening(port) {
      const deadline = Date.now() + startTimeoutMs;
      while (!(await accepts(port))) {
        if (exited || Date.now() > deadline) {
          throw new Error(`The ${name} did not listen on 127.0.0.1:${port}${exited ? ' (it exited)' : ''}:\n${output()}`);
        }

        await delay(100);
      }
    },
    failed: () => exited,
    async stop() {
      process.removeListener('exit', killOnExit);
      if (!exited) {
        child.kill(stopSignal);
        const killed = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exit;
        clearTimeout(killed);
      }
    },
  };
}

async function waitForHealth(baseUrl, host) {
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    try {
      const response = await fetch(new URL('/health', baseUrl));
      if (response.ok) {
        return;
      }
    } catch {
      // Not answering yet.
    }

    if (host.failed() || Date.now() > deadline) {
      throw new Error(`The gateway host did not become healthy at ${baseUrl}:\n${host.output()}`);
    }

    await delay(200);
  }
}

/** Ports the OS reports free on 127.0.0.1, all held open together so that they differ. */
async function freePorts(count) {
  const servers = await Promise.all(Array.from({ length: count }, () => new Promise((resolveServer, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolveServer(server));
  })));
  const ports = servers.map((server) => server.address().port);
  await Promise.all(servers.map((server) => new Promise((closed) => server.close(closed))));
  return ports;
}

function accepts(port) {
  return new Promise((resolveAccepts) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); resolveAccepts(true); });
    socket.once('error', () => { socket.destroy(); resolveAccepts(false); });
  });
}

const delay = (ms) => new Promise((resolveDelay) => setTimeout(resolveDelay, ms));
