[assembly: AssemblyFixture(typeof(McpGateway.Testing.AzuriteFixture))]
