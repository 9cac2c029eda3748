// Azure SignalR Service in serverless mode: the gateway publishes notifications through its REST API with the managed
// identity (SignalR App Server); access keys are disabled.
param name string
param location string
param tags object
param sku string
param identityPrincipalId string

var signalRAppServer = '420fcaa2-552c-430f-98ca-3264be4806c7'

resource signalR 'Microsoft.SignalRService/signalR@2024-03-01' = {
  name: name
  location: location
  tags: tags
  kind: 'SignalR'
  sku: {
    name: sku
    capacity: 1
  }
  properties: {
    features: [
      { flag: 'ServiceMode', value: 'Serverless' }
      { flag: 'EnableConnectivityLogs', value: 'True' }
    ]
    cors: { allowedOrigins: [ '*' ] }
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
  }
}

resource appServer 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(signalR.id, identityPrincipalId, signalRAppServer)
  scope: signalR
  properties: {
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', signalRAppServer)
  }
}

output endpoint string = 'https://${signalR.properties.hostName}'
