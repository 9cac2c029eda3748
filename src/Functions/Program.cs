using McpGateway.Shared.Configuration;
using McpGateway.Shared.Notifications;
using McpGateway.Shared.Notifications.SignalRService;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddGatewayCore(builder.Configuration, "functions");
builder.Services.AddSingleton<IEventRelay, SignalRServiceRelay>(); // serverless: events reach SignalR clients through the service's REST API
builder.Build().Run();
