using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WestmontTextLine.Http;

namespace WestmontTextLine.Tests.Web;

public class EndpointJsonTests
{
    [Fact]
    public void Building_the_endpoints_takes_object_from_the_generated_context_and_the_rest_still_falls_through()
    {
        using var factory = new TextLineFactory();
        var json = factory.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;

        // What every endpoint's filter pipeline resolves when it is built, before the first text.
        Assert.Same(EndpointJson.Default, json.GetTypeInfo(typeof(object)).OriginatingResolver);
        // A type the context does not know is still written, by the default resolver behind it.
        Assert.Equal("""{"status":"ok","count":2}""", JsonSerializer.Serialize<object>(new { Status = "ok", Count = 2 }, json));
    }
}
