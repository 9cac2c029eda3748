// The image the container host runs now, so that provisioning again keeps what `azd deploy` put there. Its own
// module: a template cannot read a resource it also deploys.
param containerAppName string
param exists bool

resource app 'Microsoft.App/containerApps@2024-03-01' existing = if (exists) {
  name: containerAppName
}

output image string = exists ? app!.properties.template.containers[0].image : ''
