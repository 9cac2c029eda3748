// Key Vault holding the gateway's two secrets. Access is by Azure RBAC only: the apps' identity and the person
// running azd (who reads JWT_SECRET_KEY to mint tokens) are Key Vault Secrets Users.
param name string
param location string
param tags object
@secure()
param jwtSecretKey string
@secure()
param authEncryptionSecret string
param identityPrincipalId string
param principalId string
param principalType string

var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }

  resource jwtSecret 'secrets' = {
    name: 'jwt-secret-key'
    properties: { value: jwtSecretKey }
  }

  resource encryptionSecret 'secrets' = {
    name: 'auth-encryption-secret'
    properties: { value: authEncryptionSecret }
  }
}

resource identityAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identityPrincipalId, keyVaultSecretsUser)
  scope: vault
  properties: {
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
  }
}

resource deployerAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(principalId)) {
  name: guid(vault.id, principalId, keyVaultSecretsUser)
  scope: vault
  properties: {
    principalId: principalId
    principalType: principalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
  }
}

output name string = vault.name
output endpoint string = vault.properties.vaultUri
// Versionless URIs: the apps follow a rotated secret.
output jwtSecretKeyUri string = '${vault.properties.vaultUri}secrets/${vault::jwtSecret.name}'
output authEncryptionSecretUri string = '${vault.properties.vaultUri}secrets/${vault::encryptionSecret.name}'
