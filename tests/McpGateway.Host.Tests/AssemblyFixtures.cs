[assembly: AssemblyFixture(typeof(AzuriteFixture))]
