using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Console.Pages;

/// <summary>
/// On the Passkeys page, what went wrong is tied to its form and field, as on the Staff page: a wrong password at the
/// password field, a missing name at the name field, a passkey gone already at Remove. Before, one alert at the top
/// said it, tied to no field, and the name she had typed was gone.
/// </summary>
public sealed class PasskeysFieldErrorTests : IDisposable
{
    private const string Passkeys = "/Passkeys";

    private readonly TextLineFactory _factory = new();

    [Fact]
    public async Task A_wrong_password_is_said_at_the_password_field_and_the_name_typed_stays()
    {
        using var alice = await _factory.SignedInAsync("alice");

        var page = await PostAsync(alice, [new("name", "work laptop"), new("password", "not my password at all"), new("credentialJson", "{}")], "Add");

        Assert.Contains("That did not work: Add a passkey", page);
        Assert.Equal(("true", "passkey-password-error"), PageFields.Of(page, "passkey-password"));
        Assert.Matches("<p class=\"field-error\" id=\"passkey-password-error\">That is not your password", page);
        Assert.Equal((null, null), PageFields.Of(page, "passkey-name"));
        Assert.Contains("value=\"work laptop\"", PageFields.Tag(page, "passkey-name"));
    }

    [Fact]
    public async Task A_missing_name_is_said_at_the_name_field_and_a_passkey_gone_already_at_remove()
    {
        using var alice = await _factory.SignedInAsync("alice");

        var unnamed = await PostAsync(alice, [new("name", "  "), new("password", ConsoleAccounts.Password)], "Add");
        Assert.Equal(("true", "passkey-name-error"), PageFields.Of(unnamed, "passkey-name"));
        Assert.Equal((null, null), PageFields.Of(unnamed, "passkey-password"));

        var gone = await PostAsync(alice, [new("key", new string('a', 64))], "Remove");
        Assert.Contains("That did not work: Remove a passkey", gone);
        Assert.Contains("That passkey is not on your account any more.", gone);
        Assert.Equal((null, null), PageFields.Of(gone, "passkey-name"));
    }

    private static async Task<string> PostAsync(ConsoleClient client, KeyValuePair<string, string>[] fields, string handler)
    {
        using var response = await client.PostFormAsync(Passkeys, fields, handler);
        return await response.Content.ReadAsStringAsync();
    }

    public void Dispose() => _factory.Dispose();
}
