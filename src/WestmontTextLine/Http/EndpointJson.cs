using System.Text.Json.Serialization;

namespace WestmontTextLine.Http;

/// <summary>
/// The one JSON type the line's minimal-API endpoints ask for: building each endpoint resolves the type info of
/// object for its filter pipeline, though every endpoint answers with results (TwiML, status codes), never JSON. From
/// this source-generated context first, building them leaves the reflection-based resolver alone, which would create a
/// converter for every primitive type on the way to the first answer (about 100 methods for the JIT). Anything else
/// still falls through to the default resolver.
/// </summary>
[JsonSerializable(typeof(object))]
internal sealed partial class EndpointJson : JsonSerializerContext
{
    public static IServiceCollection AddEndpointJson(IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, Default));
}
