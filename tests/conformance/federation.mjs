// Puts an MCP upstream behind a started gateway (see tests/support/gateway-stack.mjs): registers it as a peer with
// its names unprefixed, so that the suite finds the tools, resources and prompts it expects, and bundles exactly
// what the peer federated into a virtual server.

/**
 * @param stack a started gateway stack
 * @param upstreamUrl the upstream's MCP endpoint
 * @param protocolVersion the revision the gateway speaks to the upstream (its protocol_version), or the newest if absent
 * @returns the virtual server's MCP endpoint and what it bundles
 */
export async function federateBehindServer(stack, upstreamUrl, protocolVersion) {
  const peer = await stack.api('POST', '/gateways', {
    name: 'conformance-upstream',
    url: upstreamUrl,
    prefix_names: false,
    ...(protocolVersion ? { protocol_version: protocolVersion } : {}),
  });
  const federated = async (path) => (await listAll(stack, path)).filter((item) => item.gatewayId === peer.id).map((item) => item.id);
  const bundle = {
    associated_tools: await federated('/tools'),
    associated_resources: await federated('/resources'),
    associated_prompts: await federated('/prompts'),
  };
  if (Object.values(bundle).some((ids) => ids.length === 0)) {
    throw new Error(`The peer at ${upstreamUrl} federated no tools, resources or prompts: ${JSON.stringify(bundle)}`);
  }

  const server = await stack.api('POST', '/servers', { name: 'conformance-upstream', ...bundle });
  return { mcpUrl: `${stack.baseUrl}/servers/${encodeURIComponent(server.id)}/mcp`, bundle };
}

/** Every item of a REST list, page by page. */
async function listAll(stack, path) {
  const items = [];
  let cursor;
  do {
    const query = new URLSearchParams({ include_pagination: 'true', ...(cursor ? { cursor } : {}) });
    const page = await stack.api('GET', `${path}?${query}`);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);

  return items;
}
