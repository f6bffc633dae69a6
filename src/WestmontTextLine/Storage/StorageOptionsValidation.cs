using Microsoft.Extensions.Options;

namespace WestmontTextLine.Storage;

/// <summary>Storage:Provider must be one the line has, and Redis needs to be told where its server is.</summary>
public sealed class StorageOptionsValidation : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (!options.Is(StorageOptions.Sqlite) && !options.Is(StorageOptions.Redis))
        {
            return ValidateOptionsResult.Fail(StorageOptions.UnknownProvider(options.Provider).Message);
        }
        if (options.Is(StorageOptions.Redis) && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail("Storage:ConnectionString must name the Redis server when Storage:Provider is Redis, e.g. localhost:6379.");
        }
        return ValidateOptionsResult.Success;
    }
}
