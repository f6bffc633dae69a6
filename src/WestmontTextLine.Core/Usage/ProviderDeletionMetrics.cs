namespace WestmontTextLine.Usage;

/// <summary>What became of the messages the line deletes at the provider, counted by day: SIDs are never counted by name.</summary>
public static class ProviderDeletionMetrics
{
    public const string Deleted = "provider-deletion:deleted";
    public const string GivenUp = "provider-deletion:given_up";
}
