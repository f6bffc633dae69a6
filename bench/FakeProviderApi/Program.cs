// The fake provider for the load test: under /2010-04-01/Accounts/{AccountSid}/, DELETE Messages/{Sid}.json
// answers 204 and POST Messages.json answers 201 with a queued Message resource, at once and without checking
// anything. The tests' FakeTwilioApi (tests/) is the faithful one; this one only has to be cheap.
using System.Text.Json;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
long deleted = 0, created = 0;

app.Run(async context =>
{
    var request = context.Request;
    var path = request.Path.Value ?? "";
    if (!path.StartsWith("/2010-04-01/Accounts/", StringComparison.Ordinal))
    {
        context.Response.StatusCode = path == "/counts" ? 200 : 404;
        if (path == "/counts") await context.Response.WriteAsync($"deleted={Interlocked.Read(ref deleted)} created={Interlocked.Read(ref created)}\n");
        return;
    }
    if (HttpMethods.IsDelete(request.Method))
    {
        Interlocked.Increment(ref deleted);
        context.Response.StatusCode = 204;
        return;
    }
    if (HttpMethods.IsPost(request.Method) && path.EndsWith("/Messages.json", StringComparison.Ordinal))
    {
        var sid = $"SM{Guid.NewGuid():N}";
        Interlocked.Increment(ref created);
        context.Response.StatusCode = 201;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["sid"] = sid, ["status"] = "queued", ["error_code"] = null, ["error_message"] = null,
        }));
        return;
    }
    context.Response.StatusCode = 404;
});

app.Run();
