namespace WestmontTextLine.Tests.Web;

/// <summary>
/// One instance of the line on Redis. Every instance made with the same Redis shares its sessions; all of them
/// use the test privacy key and auth token, as every instance behind one number must.
/// </summary>
public sealed class RedisTextLineFactory : TextLineFactory
{
    public RedisTextLineFactory(string redisConnectionString)
    {
        Settings["Storage:Provider"] = "Redis";
        Settings["Storage:ConnectionString"] = redisConnectionString;
    }
}
