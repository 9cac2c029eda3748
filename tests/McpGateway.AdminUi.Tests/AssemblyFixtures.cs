[assembly: AssemblyFixture(typeof(AzuriteFixture))]
[assembly: AssemblyFixture(typeof(McpGateway.AdminUi.Tests.BrowserFixture))]
