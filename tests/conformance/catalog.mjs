// The catalog the conformance suite's server scenarios expect (tool, resource and prompt names and contents as
// the scenarios' own descriptions specify them), created through the gateway's REST API. Only what a catalog
// can hold is here: the scenarios that need an MCP upstream are listed in federation-scenarios.mjs.

/** A 1x1 transparent PNG. */
const pixelPng = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAAC0lEQVR4nGNgAAIAAAUAAXpeqz8AAAAASUVORK5CYII=';

const noArguments = { type: 'object', properties: {} };

/** The input schema of the json-schema-2020-12 scenario: every keyword must come back unchanged in tools/list. */
const jsonSchema202012 = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  $defs: {
    address: {
      $anchor: 'addressDef',
      type: 'object',
      properties: { street: { type: 'string' }, city: { type: 'string' } },
    },
  },
  properties: {
    name: { type: 'string' },
    address: { $ref: '#/$defs/address' },
    contactMethod: { type: 'string', enum: ['phone', 'email'] },
    phone: { type: 'string' },
    email: { type: 'string' },
  },
  allOf: [{ anyOf: [{ required: ['phone'] }, { required: ['email'] }] }],
  if: { properties: { contactMethod: { const: 'phone' } }, required: ['contactMethod'] },
  then: { required: ['phone'] },
  else: { required: ['email'] },
  additionalProperties: false,
};

/** REST tools answered by the backend's /say (text as sent, with the status asked for) and /echo. */
const tools = (backendUrl) => {
  const say = (text, status) =>
    `${backendUrl}/say?${new URLSearchParams({ text, ...(status ? { status: `${status}` } : {}) })}`;
  return [
    {
      name: 'test_simple_text',
      description: 'Returns a simple text response',
      url: say('This is a simple text response for testing.'),
      input_schema: noArguments,
    },
    {
      name: 'test_error_handling',
      description: 'Always fails: its upstream answers 400',
      url: say('This tool intentionally returns an error for testing', 400),
      input_schema: noArguments,
    },
    {
      // SEP-2243: a 2026-07-28 client mirrors `region` into an Mcp-Param-Region header, which the server must check.
      name: 'test_custom_headers',
      description: 'Echoes its arguments; its region argument travels in a header too',
      url: `${backendUrl}/echo`,
      input_schema: {
        type: 'object',
        properties: { region: { type: 'string', 'x-mcp-header': 'Region' } },
        required: ['region'],
      },
    },
    {
      name: 'json_schema_2020_12_tool',
      description: 'Tool with JSON Schema 2020-12 features',
      url: `${backendUrl}/echo`,
      input_schema: jsonSchema202012,
    },
  ].map((tool) => ({ ...tool, integration_type: 'REST', request_type: 'POST' }));
};

const resources = [
  {
    uri: 'test://static-text',
    name: 'Static text',
    description: 'A static text resource',
    mime_type: 'text/plain',
    content: 'This is the content of the static text resource.',
  },
  {
    uri: 'test://static-binary',
    name: 'Static binary',
    description: 'A static binary resource (a PNG image)',
    mime_type: 'image/png',
    blob: pixelPng,
  },
  {
    uri: 'test://template/{id}/data',
    name: 'Template data',
    description: 'Data for an id, from a URI template',
    mime_type: 'application/json',
    content: '{"id":"{id}","templateTest":true,"data":"Data for ID: {id}"}',
  },
  {
    uri: 'test://watched-resource',
    name: 'Watched resource',
    description: 'A resource clients subscribe to',
    mime_type: 'text/plain',
    content: 'Watched resource content.',
  },
];

const prompts = [
  {
    name: 'test_simple_prompt',
    description: 'A simple prompt without arguments',
    template: 'This is a simple prompt for testing.',
  },
  {
    name: 'test_prompt_with_arguments',
    description: 'A prompt with two required arguments',
    template: "Prompt with arguments: arg1='{{ arg1 }}', arg2='{{ arg2 }}'",
    arguments: [
      { name: 'arg1', description: 'First test argument', required: true },
      { name: 'arg2', description: 'Second test argument', required: true },
    ],
  },
];

/** Creates the conformance catalog on a started stack (see tests/support/gateway-stack.mjs). */
export async function seedConformanceCatalog(stack) {
  for (const tool of tools(stack.backendUrl)) {
    await stack.api('POST', '/tools', tool);
  }

  for (const resource of resources) {
    await stack.api('POST', '/resources', resource);
  }

  for (const prompt of prompts) {
    await stack.api('POST', '/prompts', prompt);
  }
}
