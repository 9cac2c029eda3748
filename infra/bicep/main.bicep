// Everything `azd up` provisions for McpGateway: one resource group holding the Functions app (Flex Consumption),
// the container host (Container Apps), their storage, SignalR Service, Key Vault and monitoring. The apps reach every
// service with one user-assigned managed identity and role assignments: no account key or connection string is issued.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; it names the resource group and seeds the unique suffix of every resource.')
param environmentName string

@minLength(1)
@description('Region of every resource; it must offer Flex Consumption Function Apps.')
@metadata({ azd: { type: 'location' } })
param location string

@description('Object id of the person or service principal running azd: may read the gateway\'s secrets from Key Vault (to mint tokens) and the catalog. Empty skips these assignments.')
param principalId string = ''

@allowed([ 'User', 'ServicePrincipal' ])
@description('Kind of principalId.')
param principalType string = 'User'

@minLength(1)
@maxLength(20)
@description('Prefix of the gateway\'s tables and blob container (STORAGE_PREFIX): lowercase letters and digits, starting with a letter.')
param storagePrefix string = 'mcpgw'

@allowed([ 'Free_F1', 'Standard_S1' ])
@description('SignalR Service tier: Free_F1 (20 connections) or Standard_S1.')
param signalRSku string = 'Free_F1'

@minValue(0)
@maxValue(10)
@description('Container host replicas kept running; 0 lets it scale to zero between requests (the Functions app runs the federation timers either way).')
param hostMinReplicas int = 1

@description('Programs the container host may run as stdio peers (STDIO_ALLOWED_COMMANDS): names on PATH or absolute paths, comma-separated. Empty refuses every stdio peer.')
param stdioAllowedCommands string = ''

@description('Whether the container host exists already (azd sets SERVICE_HOST_RESOURCE_EXISTS after the first deploy).')
param hostExists bool = false

@secure()
@description('JWT_SECRET_KEY: the HMAC key of bearer tokens. azd generates it once and keeps it in the environment\'s config.')
@metadata({ azd: { type: 'generate', config: { length: 64, noSpecial: true } } })
param jwtSecretKey string

@secure()
@description('AUTH_ENCRYPTION_SECRET: the passphrase upstream credentials are encrypted with at rest; changing it makes stored credentials unreadable.')
@metadata({ azd: { type: 'generate', config: { length: 64, noSpecial: true } } })
param authEncryptionSecret string

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }

resource resourceGroup 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: resourceGroup
  params: {
    name: 'id-mcpgw-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: resourceGroup
  params: {
    logAnalyticsName: 'log-mcpgw-${resourceToken}'
    applicationInsightsName: 'appi-mcpgw-${resourceToken}'
    location: location
    tags: tags
    identityPrincipalId: identity.outputs.principalId
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: resourceGroup
  params: {
    name: 'stmcpgw${resourceToken}'
    location: location
    tags: tags
    storagePrefix: storagePrefix
    deploymentContainerName: functionsDeploymentContainer
    identityPrincipalId: identity.outputs.principalId
    principalId: principalId
    principalType: principalType
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  scope: resourceGroup
  params: {
    name: 'kv-mcpgw-${resourceToken}'
    location: location
    tags: tags
    jwtSecretKey: jwtSecretKey
    authEncryptionSecret: authEncryptionSecret
    identityPrincipalId: identity.outputs.principalId
    principalId: principalId
    principalType: principalType
  }
}

module signalR 'modules/signalr.bicep' = {
  name: 'signalr'
  scope: resourceGroup
  params: {
    name: 'sigr-mcpgw-${resourceToken}'
    location: location
    tags: tags
    sku: signalRSku
    identityPrincipalId: identity.outputs.principalId
  }
}

module registry 'modules/registry.bicep' = {
  name: 'registry'
  scope: resourceGroup
  params: {
    name: 'crmcpgw${resourceToken}'
    location: location
    tags: tags
    identityPrincipalId: identity.outputs.principalId
  }
}

// The settings both apps share: the gateway reaches storage as the identity.
var gatewaySettings = {
  AZURE_CLIENT_ID: identity.outputs.clientId
  CatalogStorage__accountName: storage.outputs.name
  CatalogStorage__credential: 'managedidentity'
  CatalogStorage__clientId: identity.outputs.clientId
  STORAGE_PREFIX: storagePrefix
  // Bearer tokens only: Basic credentials are for local runs.
  BASIC_AUTH_PASSWORD: ''
  // The outbound (SSRF) policy's defaults, stated: callers' tools and peers may not reach the apps' own identity
  // endpoint on loopback, the metadata endpoint or the private network.
  SSRF_PROTECTION_ENABLED: 'true'
  SSRF_ALLOW_LOCALHOST: 'false'
  SSRF_ALLOW_PRIVATE_NETWORKS: 'false'
}

// The Functions app publishes to SignalR Service in serverless mode, as the identity (the connection string form for
// a managed identity: an endpoint and a client id, no key). The container host serves its own hub instead: a hub on
// SignalR Service would need the service in default mode, and every replica's hub already relays every event from
// the shared event log.
var functionsSignalRSettings = {
  AzureSignalRConnectionString: 'Endpoint=${signalR.outputs.endpoint};AuthType=azure.msi;ClientId=${identity.outputs.clientId};Version=1.0;'
}

var functionsDeploymentContainer = 'app-package-functions'

module functions 'modules/functionapp.bicep' = {
  name: 'functions'
  scope: resourceGroup
  params: {
    planName: 'plan-mcpgw-${resourceToken}'
    name: 'func-mcpgw-${resourceToken}'
    location: location
    tags: union(tags, { 'azd-service-name': 'functions' })
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerName: functionsDeploymentContainer
    appSettings: union(gatewaySettings, functionsSignalRSettings, {
      // The Functions host's telemetry, sent with Entra ID; the container host logs to the environment's workspace.
      APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.applicationInsightsConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.outputs.clientId};Authorization=AAD'
      JWT_SECRET_KEY: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.jwtSecretKeyUri})'
      AUTH_ENCRYPTION_SECRET: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.authEncryptionSecretUri})'
    })
  }
}

module host 'modules/containerapp.bicep' = {
  name: 'host'
  scope: resourceGroup
  params: {
    environmentName: 'cae-mcpgw-${resourceToken}'
    name: 'ca-mcpgw-${resourceToken}'
    location: location
    tags: union(tags, { 'azd-service-name': 'host' })
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsWorkspaceId
    identityId: identity.outputs.id
    registryServer: registry.outputs.loginServer
    minReplicas: hostMinReplicas
    exists: hostExists
    // Only the container host runs stdio peers (as child processes); the Functions app refuses them.
    settings: union(gatewaySettings, { STDIO_ALLOWED_COMMANDS: stdioAllowedCommands })
    keyVaultReferences: {
      JWT_SECRET_KEY: keyVault.outputs.jwtSecretKeyUri
      AUTH_ENCRYPTION_SECRET: keyVault.outputs.authEncryptionSecretUri
    }
  }
}

// Read by azd (registry, location, tenant) and written to the environment's .env for the README's commands.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = resourceGroup.name
output AZURE_CONTAINER_REGISTRY_ENDPOINT string = registry.outputs.loginServer
output AZURE_CONTAINER_REGISTRY_NAME string = registry.outputs.name
output AZURE_CONTAINER_ENVIRONMENT_NAME string = host.outputs.environmentName
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.endpoint
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_SIGNALR_ENDPOINT string = signalR.outputs.endpoint
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output SERVICE_FUNCTIONS_NAME string = functions.outputs.name
output SERVICE_FUNCTIONS_URI string = functions.outputs.uri
output SERVICE_HOST_NAME string = host.outputs.name
output SERVICE_HOST_URI string = host.outputs.uri
