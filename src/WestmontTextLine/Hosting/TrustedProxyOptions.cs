namespace WestmontTextLine.Hosting;

/// <summary>The "ForwardedHeaders" settings: the proxies whose X-Forwarded-* headers are believed, as written.</summary>
public sealed class TrustedProxyOptions
{
    public const string Section = "ForwardedHeaders";
    public const string KnownProxiesSetting = $"{Section}:KnownProxies";
    public const string KnownNetworksSetting = $"{Section}:KnownNetworks";

    /// <summary>Single addresses (10.0.0.5).</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Ranges in CIDR form (10.0.0.0/24).</summary>
    public List<string> KnownNetworks { get; set; } = [];

    public bool AnyConfigured => KnownProxies.Count + KnownNetworks.Count > 0;

    public static void ReadFrom(IConfiguration configuration, TrustedProxyOptions options)
    {
        options.KnownProxies = ListSetting.Read(configuration.GetSection(KnownProxiesSetting));
        options.KnownNetworks = ListSetting.Read(configuration.GetSection(KnownNetworksSetting));
    }
}
