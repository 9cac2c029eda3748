// The gateway as an MCP server, driven over Streamable HTTP with Basic credentials by the official TypeScript
// clients: @modelcontextprotocol/client 2.x in every revision it speaks (the 2025-era handshake revisions and
// 2026-07-28, stateless) and @modelcontextprotocol/sdk 1.x in the one it offers (2025-11-25).
// Run: `node --test "tests/typescript/*.test.mjs"`, after `npm ci --prefix tests/typescript` and a Release build.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  Client as ClientV2,
  ProtocolError,
  StreamableHTTPClientTransport as TransportV2,
} from '@modelcontextprotocol/client';
import { Client as ClientV1 } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as TransportV1 } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { basicAuthorization, startStack } from '../support/gateway-stack.mjs';

const clientInfo = { name: 'gateway-typescript-tests', version: '1.0.0' };
const pixel = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAAC0lEQVR4nGNgAAIAAAUAAXpeqz8AAAAASUVORK5CYII=';

/** How each client under test connects; `connect(url, headers)` resolves to a connected client. */
const clients = [
  ...['2024-11-05', '2025-03-26', '2025-06-18', '2025-11-25'].map((revision) => ({
    name: `@modelcontextprotocol/client 2.x, ${revision}`,
    revision,
    connect: (url, headers) => connect(
      new ClientV2(clientInfo, { supportedProtocolVersions: [revision] }),
      new TransportV2(url, { requestInit: { headers } })),
  })),
  {
    name: '@modelcontextprotocol/client 2.x, 2026-07-28',
    revision: '2026-07-28',
    connect: (url, headers) => connect(
      new ClientV2(clientInfo, { versionNegotiation: { mode: { pin: '2026-07-28' } } }),
      new TransportV2(url, { requestInit: { headers } })),
  },
  {
    name: '@modelcontextprotocol/sdk 1.x, 2025-11-25',
    revision: '2025-11-25',
    connect: (url, headers) => connect(new ClientV1(clientInfo), new TransportV1(url, { requestInit: { headers } })),
  },
];

async function connect(client, transport) {
  await client.connect(transport);
  return client;
}

let stack;
let serverId;

before(async () => {
  stack = await startStack();
  await seedCatalog();
});

after(async () => {
  await stack?.stop();
});

async function seedCatalog() {
  const post = (path, body) => stack.api('POST', path, body);
  for (const resource of [
    { uri: 'config://app/settings', name: 'App settings', content: 'key=value' },
    { uri: 'data://image/pixel', name: 'Pixel', blob: pixel, mime_type: 'image/png' },
    { uri: 'file:///logs/{date}.txt', name: 'Daily log', content: 'Log of {date}', mime_type: 'text/plain' },
    { uri: 'file:///logs/2024-05-01.txt', name: 'May day log', content: 'busy' },
  ]) {
    await post('/resources', resource);
  }

  await post('/prompts', {
    name: 'greet',
    description: 'Greets a user',
    template: 'Hello, {{ user }}!',
    argument_schema: { type: 'object', properties: { user: { type: 'string', enum: ['Alice', 'Albert', 'Bob'] } }, required: ['user'] },
  });
  await post('/prompts', { name: 'hidden_prompt', description: 'Not on the virtual server', template: 'Hidden' });
  await post('/tools', {
    name: 'place_order',
    description: 'Places an order; the backend echoes it',
    url: `${stack.backendUrl}/echo`,
    integration_type: 'REST',
    request_type: 'POST',
    input_schema: {
      type: 'object',
      properties: { item: { type: 'string' }, quantity: { type: 'integer', minimum: 1 } },
      required: ['item', 'quantity'],
    },
    output_schema: {
      type: 'object',
      properties: { item: { type: 'string' }, quantity: { type: 'integer' } },
      required: ['item', 'quantity'],
    },
  });
  await post('/tools', {
    name: 'say_hello',
    description: 'Says hello as plain text',
    url: `${stack.backendUrl}/say?text=${encodeURIComponent('Hello from the backend')}`,
    integration_type: 'REST',
    request_type: 'POST',
  });
  const server = await post('/servers', {
    name: 'typescript_scope',
    associated_tools: ['place_order'],
    associated_resources: ['config://app/settings'],
    associated_prompts: ['greet'],
  });
  serverId = server.id;
}

const credentials = () => ({ Authorization: basicAuthorization() });
const endpoint = (path = '/mcp') => new URL(path, stack.baseUrl);

/** A protocol error's code, whichever client raised it. */
const errorCode = (error) => (error instanceof ProtocolError ? error.code : error?.code);

for (const { name, revision, connect: open } of clients) {
  describe(name, () => {
    let client;
    before(async () => {
      client = await open(endpoint(), credentials());
    });
    after(async () => {
      await client?.close();
    });

    it('negotiates the revision and reports what the gateway offers', () => {
      const negotiated = client.getNegotiatedProtocolVersion?.() ?? client.transport?.protocolVersion;
      assert.equal(negotiated, revision);
      assert.equal(client.getServerVersion()?.name, 'MCP Gateway');
      const capabilities = client.getServerCapabilities();
      for (const capability of ['tools', 'resources', 'prompts', 'completions']) {
        assert.ok(capabilities?.[capability], `the ${capability} capability`);
      }
    });

    it('lists and reads text and binary resources', async () => {
      const { resources } = await client.listResources();
      assert.ok(resources.some((r) => r.uri === 'config://app/settings' && r.mimeType === 'text/plain'));
      assert.ok(!resources.some((r) => r.uri.includes('{')), 'templates are not listed as resources');

      const text = await client.readResource({ uri: 'config://app/settings' });
      assert.equal(text.contents[0].text, 'key=value');

      const binary = await client.readResource({ uri: 'data://image/pixel' });
      assert.equal(binary.contents[0].mimeType, 'image/png');
      assert.equal(binary.contents[0].blob, pixel);
    });

    it('resolves resource templates and completes their variables', async () => {
      const { resourceTemplates } = await client.listResourceTemplates();
      assert.ok(resourceTemplates.some((t) => t.uriTemplate === 'file:///logs/{date}.txt'));

      const resolved = await client.readResource({ uri: 'file:///logs/2024-06-30.txt' });
      assert.equal(resolved.contents[0].text, 'Log of 2024-06-30');

      const { completion } = await client.complete({
        ref: { type: 'ref/resource', uri: 'file:///logs/{date}.txt' },
        argument: { name: 'date', value: '2024' },
      });
      assert.deepEqual(completion.values, ['2024-05-01']);
    });

    it('lists, renders and completes prompts', async () => {
      const { prompts } = await client.listPrompts();
      const greet = prompts.find((p) => p.name === 'greet');
      assert.deepEqual(greet?.arguments?.map((a) => [a.name, a.required]), [['user', true]]);

      const rendered = await client.getPrompt({ name: 'greet', arguments: { user: 'Alice' } });
      assert.deepEqual(rendered.messages, [{ role: 'user', content: { type: 'text', text: 'Hello, Alice!' } }]);

      await assert.rejects(client.getPrompt({ name: 'greet', arguments: {} }), (error) => errorCode(error) === -32602);

      const { completion } = await client.complete({ ref: { type: 'ref/prompt', name: 'greet' }, argument: { name: 'user', value: 'al' } });
      assert.deepEqual(completion.values, ['Albert', 'Alice']);
    });

    it('lists REST tools and calls them: JSON answers pretty-printed and structured, text as sent', async () => {
      const { tools } = await client.listTools();
      const order = tools.find((t) => t.name === 'place_order');
      assert.deepEqual(order?.inputSchema.required, ['item', 'quantity']);
      assert.ok(order?.outputSchema);

      const placed = await client.callTool({ name: 'place_order', arguments: { item: 'tea', quantity: 2 } });
      assert.notEqual(placed.isError, true);
      assert.deepEqual(placed.structuredContent, { item: 'tea', quantity: 2 });
      assert.deepEqual(JSON.parse(placed.content[0].text), { item: 'tea', quantity: 2 });
      assert.match(placed.content[0].text, /\n/, 'pretty-printed');

      const hello = await client.callTool({ name: 'say_hello', arguments: {} });
      assert.deepEqual(hello.content, [{ type: 'text', text: 'Hello from the backend' }]);
    });

    it('reports invalid tool arguments as the revision asks', async () => {
      const call = client.callTool({ name: 'place_order', arguments: { item: 'tea', quantity: 'two' } });
      if (revision >= '2025-11-25') {
        // SEP-1303: a tool result with isError, so that the model can correct itself.
        const result = await call;
        assert.equal(result.isError, true);
        assert.match(result.content[0].text, /quantity/);
      } else {
        await assert.rejects(call, (error) => errorCode(error) === -32602);
      }
    });

    it('serves a virtual server with only its own items', async () => {
      const scoped = await open(endpoint(`/servers/${serverId}/mcp`), credentials());
      try {
        assert.deepEqual((await scoped.listTools()).tools.map((t) => t.name), ['place_order']);
        assert.deepEqual((await scoped.listResources()).resources.map((r) => r.uri), ['config://app/settings']);
        assert.deepEqual((await scoped.listPrompts()).prompts.map((p) => p.name), ['greet']);
        const placed = await scoped.callTool({ name: 'place_order', arguments: { item: 'milk', quantity: 1 } });
        assert.deepEqual(placed.structuredContent, { item: 'milk', quantity: 1 });
        await assert.rejects(scoped.getPrompt({ name: 'hidden_prompt' }));
        await assert.rejects(scoped.callTool({ name: 'say_hello', arguments: {} }));
      } finally {
        await scoped.close();
      }
    });
  });
}

describe('credentials', () => {
  it('a client without credentials cannot connect', async () => {
    await assert.rejects(clients.at(-1).connect(endpoint(), {}), /401|Unauthorized/i);
  });
});
