// The storage account of the catalog (tables, the payload container) and of the Functions runtime (its deployment
// package container, leases). Shared keys are disabled: only Entra identities with a data role get in.
param name string
param location string
param tags object
param storagePrefix string
param deploymentContainerName string
param identityPrincipalId string
param principalId string
param principalType string

// The gateway's tables (created here so the account is complete after provisioning; the app still creates any it
// misses on first use) and its payload container.
var tableNames = [ 'tools', 'resources', 'prompts', 'servers', 'gateways', 'roots', 'metrics', 'mcpsessions', 'jobs', 'signouts' ]
var containerNames = [ '${storagePrefix}-catalog', deploymentContainerName ]

var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var storageBlobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
var identityRoles = [ storageTableDataContributor, storageBlobDataOwner ]

resource account 'Microsoft.Storage/storageAccounts@2024-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
  }

  resource tableService 'tableServices' = {
    name: 'default'

    resource catalogTables 'tables' = [for table in tableNames: {
      name: '${storagePrefix}${table}'
    }]
  }

  resource blobService 'blobServices' = {
    name: 'default'

    resource containers 'containers' = [for container in containerNames: {
      name: container
      properties: { publicAccess: 'None' }
    }]
  }
}

resource identityAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in identityRoles: {
  name: guid(account.id, identityPrincipalId, role)
  scope: account
  properties: {
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
  }
}]

// The person running azd may look at the catalog (Storage Explorer, az storage entity query).
resource deployerAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(principalId)) {
  name: guid(account.id, principalId, storageTableDataContributor)
  scope: account
  properties: {
    principalId: principalId
    principalType: principalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributor)
  }
}

output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
