using WestmontTextLine.Handoff;
using WestmontTextLine.Tests.Handoff;

namespace WestmontTextLine.Tests.Interplay;

/// <summary>
/// She asked for a person in English (TALK is the word she knew) and then texts ESPANOL in the chat: the line switches,
/// staff see her language change, and the texts the line sends her later (the closing text, the menu) are Spanish.
/// </summary>
public sealed class LanguageInAChatTests
{
    private const string Texter = "+16305558561";

    [Fact]
    public async Task Espanol_in_a_chat_switches_her_language_for_staff_the_closing_text_and_the_menu()
    {
        await using var line = await HandoffLine.StartAsync();
        var phone = line.Phone(Texter);
        Assert.Equal(HandoffLine.English.HandoffOpen, await phone.TextAsync("TALK"));
        var id = (await line.OnlyOpenAsync()).Id;
        Assert.Equal("en", (await line.OnlyOpenAsync()).Language);

        Assert.Equal(HandoffLine.Spanish.LanguageSet, await phone.TextAsync("ESPANOL"));

        Assert.Equal("es", (await line.OnlyOpenAsync()).Language);
        Assert.Equal("ESPANOL", (await line.Inbox.MessagesAsync(id)).Last(m => m.From == InboxMessageFrom.Texter).Body);
        Assert.Null(await phone.TextAsync("tengo una pregunta sobre un abogado"));

        Assert.Equal(InboxOutcome.Done, await line.Inbox.ClaimAsync(id, HandoffLine.Staff));
        Assert.Equal(InboxOutcome.Done, await line.Inbox.CloseAsync(id, HandoffLine.Staff));
        await line.PassesAsync();
        Assert.Equal(HandoffLine.Spanish.HandoffClosed, line.SentTo(Texter)[^1]);
        Assert.StartsWith("Salud y pruebas", await phone.TextAsync("3"));
    }
}
