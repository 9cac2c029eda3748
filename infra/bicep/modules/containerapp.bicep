// The container host (src/Host) on Azure Container Apps: a Consumption environment logging to Log Analytics through
// diagnostic settings (no workspace key), and the app with external HTTPS ingress, its image pulled from the registry
// and its secrets read from Key Vault as the managed identity.
param environmentName string
param name string
param location string
param tags object
param logAnalyticsWorkspaceId string
param identityId string
param registryServer string
param minReplicas int
@description('Whether the app exists already (azd sets SERVICE_HOST_RESOURCE_EXISTS): then its current image is kept.')
param exists bool
@description('Plain settings, as environment variables.')
param settings object
@description('Setting name to versionless Key Vault secret URI.')
param keyVaultReferences object

// The port the host listens on (PORT) and ingress sends to: the .NET images' 8080, which the placeholder uses too.
var port = 8080
// Runs until `azd deploy` pushes the gateway's image for the first time: an ASP.NET Core sample listening on 8080.
var placeholderImage = 'mcr.microsoft.com/dotnet/samples:aspnetapp'

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: environmentName
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'azure-monitor'
    }
  }
}

resource environmentLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'logs-to-workspace'
  scope: environment
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [ { categoryGroup: 'allLogs', enabled: true } ]
  }
}

module currentImage 'container-image.bicep' = {
  name: '${name}-image'
  params: {
    containerAppName: name
    exists: exists
  }
}

// False until `azd deploy` replaced the placeholder (also when provisioning again before that).
var gatewayImageKnown = !empty(currentImage.outputs.image) && currentImage.outputs.image != placeholderImage

var vaultSecrets = map(items(keyVaultReferences), secret => {
  setting: secret.key
  name: toLower(replace(secret.key, '_', '-'))
  uri: secret.value
})

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: name
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    managedEnvironmentId: environment.id
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: port
        transport: 'auto'
        allowInsecure: false
      }
      registries: [ { server: registryServer, identity: identityId } ]
      secrets: [for secret in vaultSecrets: { name: secret.name, keyVaultUrl: secret.uri, identity: identityId }]
    }
    template: {
      containers: [
        {
          name: 'host'
          image: gatewayImageKnown ? currentImage.outputs.image : placeholderImage
          resources: { cpu: json('0.5'), memory: '1Gi' }
          env: concat(
            [ { name: 'HOST', value: '0.0.0.0' }, { name: 'PORT', value: string(port) } ],
            map(items(settings), setting => { name: setting.key, value: setting.value }),
            map(vaultSecrets, secret => { name: secret.setting, secretRef: secret.name }))
          probes: [
            { type: 'Liveness', tcpSocket: { port: port }, periodSeconds: 30 }
            // The gateway's /health answers 503 while storage is unreachable: traffic waits, the replica is not
            // restarted. The placeholder has no /health.
            gatewayImageKnown
              ? { type: 'Readiness', httpGet: { path: '/health', port: port }, periodSeconds: 15 }
              : { type: 'Readiness', tcpSocket: { port: port }, periodSeconds: 15 }
          ]
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: 10
        rules: [ { name: 'http', http: { metadata: { concurrentRequests: '50' } } } ]
      }
    }
  }
}

output name string = app.name
output environmentName string = environment.name
output uri string = 'https://${app.properties.configuration.ingress.fqdn}'
