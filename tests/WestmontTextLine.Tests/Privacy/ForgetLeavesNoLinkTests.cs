using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.CheckIns;
using WestmontTextLine.Privacy;
using WestmontTextLine.Records;
using WestmontTextLine.Senders;
using WestmontTextLine.Tests.CheckIns;

namespace WestmontTextLine.Tests.Privacy;

/// <summary>
/// After FORGET no record names her keyed hash, under it or inside it once decrypted: with the privacy key and the
/// encryption key (both on the line's host) such a record would say that her number used the line, and whom she
/// named as her safety contact. The marks that limit what her number may make the line send to others are kept
/// under a hash of her keyed hash, by design (README, FORGET), and hold nothing.
/// </summary>
public class ForgetLeavesNoLinkTests
{
    private const string Texter = "+16305558101";
    private const string Contact = "+16305558102";

    [Fact]
    public async Task After_forget_no_record_names_her_even_while_an_alert_to_her_contact_awaits_its_final_status()
    {
        await using var line = await CheckInLine.StartAsync(staff: true);
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");
        await texter.TextAsync("BUDDY 630-555-8102 Ana");
        await line.Phone(Contact).TextAsync("YES");
        await texter.TextAsync("CHECK 30");
        await line.AdvanceAsync(TimeSpan.FromMinutes(31));
        await line.AdvanceAsync(TimeSpan.FromMinutes(11));
        Assert.Equal(2, line.SentTo(Contact).Count); // the request and the missed check-in's alert, neither confirmed yet

        await texter.TextAsync("FORGET");
        await line.PassesAsync();

        var herKey = line.Factory.Services.GetRequiredService<SenderKeys>().KeyOf(Texter);
        var records = line.Factory.Services.GetRequiredService<IPrivateRecords>();
        var cipher = line.Factory.Services.GetRequiredService<PersonalDataCipher>();
        var now = line.Factory.Clock.GetUtcNow();
        var naming = new List<string>();
        await foreach (var id in records.ListAsync(now))
        {
            if (id.Kind is TexterMarks.ContactAsked or TexterMarks.CodeWordAlerted) continue;
            if (id.Key == herKey) naming.Add($"{id.Kind} under her key");
            var payload = (await records.GetAsync(id.Kind, id.Key, now))?.Payload;
            if (payload is not { Length: > 0 }) continue;
            try
            {
                if (cipher.Decrypt(payload, $"{id.Kind}:{id.Key}").Contains(herKey, StringComparison.Ordinal)) naming.Add($"{id.Kind} {id.Key} holds her key");
            }
            catch (CryptographicException)
            {
                // Not sealed with kind:key (another feature's layout): the next assertion is about those this one reads.
            }
        }
        Assert.Empty(naming);
    }
}

/// <summary>
/// FORGET of a texter with a safety plan (her number, contact and code word, encrypted under her keyed hash): once the
/// line has emptied its WAL, her keyed hash is nowhere in the files, as it is for a texter who only used the menu
/// (SecureDeleteTests). No checkpoint from outside.
/// </summary>
public class ForgetWithAPlanLeavesNoHashTests
{
    [Fact]
    public async Task After_forget_her_keyed_hash_is_nowhere_in_the_files_even_with_a_safety_plan()
    {
        await using var line = await CheckInLine.StartAsync();
        var texter = line.Phone("+16305558111");
        await texter.TextAsync("hi");
        await texter.TextAsync("BUDDY 630-555-8112 Ana");
        await line.Phone("+16305558112").TextAsync("YES");
        await texter.TextAsync("CODEWORD pineapple");
        await texter.TextAsync("CHECK 30");
        await line.PassesAsync();
        var herKey = line.Factory.Services.GetRequiredService<SenderKeys>().KeyOf("+16305558111");
        Assert.True(Support.SqliteFiles.Contain(line.Factory.DatabasePath, herKey), "the test must see the key before FORGET");

        await texter.TextAsync("FORGET");
        await line.PassesAsync();

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Support.SqliteFiles.Contain(line.Factory.DatabasePath, herKey) && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.False(Support.SqliteFiles.Contain(line.Factory.DatabasePath, herKey), "her keyed hash is still in the database or its WAL");
    }

    [Fact]
    public async Task After_forget_her_keyed_hash_is_nowhere_in_the_files_even_after_a_chat_with_staff()
    {
        await using var line = await Tests.Handoff.HandoffLine.StartAsync();
        var number = Support.TestNumbers.Next();
        var texter = line.Phone(number);
        await texter.TextAsync("TALK");
        await texter.TextAsync("i need a ride");
        var id = (await line.OnlyOpenAsync()).Id;
        await line.Inbox.ClaimAsync(id, Tests.Handoff.HandoffLine.Staff);
        await line.Inbox.ReplyAsync(id, Tests.Handoff.HandoffLine.Staff, "We can help with that.");
        await line.PassesAsync();
        var herKey = line.Factory.Services.GetRequiredService<SenderKeys>().KeyOf(number);
        Assert.True(Support.SqliteFiles.Contain(line.Factory.DatabasePath, herKey), "the test must see the key before FORGET");

        await texter.TextAsync("FORGET");
        await line.PassesAsync();

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Support.SqliteFiles.Contain(line.Factory.DatabasePath, herKey) && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.False(Support.SqliteFiles.Contain(line.Factory.DatabasePath, herKey), "her keyed hash is still in the database or its WAL");
    }
}
