using System.Text.Json.Nodes;

// A stand-in REST API for the gateway's REST tools, started by tests/support/gateway-stack.mjs on
// 127.0.0.1:PORT. What a tool gets back is set by the tool's URL, so the catalog under test decides it:
//   POST /echo                      200, the JSON body as received (a tool's arguments)
//   POST /say?text=...&status=...   the text as text/plain, with the status (200 unless given)
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.WebHost.UseUrls($"http://127.0.0.1:{Environment.GetEnvironmentVariable("PORT") ?? throw new InvalidOperationException("Set PORT to the port to listen on.")}");
var app = builder.Build();

app.MapPost("/echo", (JsonNode? body) => Results.Json(body ?? new JsonObject()));
app.MapPost("/say", (string? text, int? status) => Results.Text(text ?? string.Empty, "text/plain", statusCode: status ?? StatusCodes.Status200OK));

await app.RunAsync();
