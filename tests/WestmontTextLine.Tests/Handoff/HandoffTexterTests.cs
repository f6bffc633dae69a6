using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Handoff;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Handoff;

/// <summary>The texter's side of "talk to a person", through the signed webhook, with the staff side as the console uses it.</summary>
public sealed class HandoffTexterTests
{
    private const string Texter = "+16305558101";
    private const string OtherTexter = "+16305558102";

    [Fact]
    public async Task Talk_while_someone_is_on_shift_opens_a_conversation_that_shows_her_pseudonym_and_what_she_read()
    {
        await using var line = await HandoffLine.StartAsync();
        var phone = line.Phone(Texter);
        await phone.TextAsync("hi");
        await phone.TextAsync("3");
        await phone.TextAsync("1");
        await phone.TextAsync("BACK");
        await phone.TextAsync("5");

        Assert.Equal(HandoffLine.English.HandoffOpen, await phone.TextAsync("TALK"));

        var conversation = await line.OnlyOpenAsync();
        Assert.Equal(line.PseudonymOf(Texter), conversation.Pseudonym);
        Assert.Matches("^Texter [0-9A-F]{4}$", conversation.Pseudonym);
        Assert.Equal("en", conversation.Language);
        Assert.Equal(["Testing and care", "If someone stops breathing"], conversation.AnswersRead);
        Assert.False(conversation.Urgent);
        Assert.Null(conversation.ClaimedBy);
        Assert.Equal(line.Factory.Clock.GetUtcNow(), conversation.WaitingSince);
        var asked = Assert.Single(await line.Inbox.MessagesAsync(conversation.Id));
        Assert.Equal((InboxMessageFrom.Line, HandoffOpening.AskedForAPerson), (asked.From, asked.Body));
    }

    [Theory]
    [InlineData("8")]
    [InlineData("talk")]
    [InlineData("Can I talk to someone?")]
    [InlineData("is this a real person")]
    [InlineData("I want to talk to a human")]
    public async Task The_menu_option_and_her_own_words_reach_a_person_too(string asking)
    {
        await using var line = await HandoffLine.StartAsync();
        var phone = line.Phone(Texter);
        await phone.TextAsync("hi");

        Assert.Equal(HandoffLine.English.HandoffOpen, await phone.TextAsync(asking));

        var messages = await line.Inbox.MessagesAsync((await line.OnlyOpenAsync()).Id);
        // Her own words reach staff; a digit or a keyword is only the line that she asked.
        var ownWords = asking.Contains(' ');
        Assert.Equal(ownWords ? 2 : 1, messages.Count);
        if (ownWords) Assert.Equal((InboxMessageFrom.Texter, asking), (messages[1].From, messages[1].Body));
    }

    [Fact]
    public async Task Hablar_opens_a_conversation_in_spanish_and_the_reply_is_spanish()
    {
        await using var line = await HandoffLine.StartAsync();
        var phone = line.Phone(Texter);

        Assert.Equal(HandoffLine.Spanish.HandoffOpen, await phone.TextAsync("quiero hablar con alguien"));

        Assert.Equal("es", (await line.OnlyOpenAsync()).Language);
    }

    [Fact]
    public async Task After_hours_she_is_told_when_someone_will_be_there_with_911_and_the_hotline_and_nothing_opens()
    {
        // 6:00 AM on a Thursday in Chicago: Ana is on shift, but the line promises Mon-Fri 09:00-17:00.
        await using var line = await HandoffLine.StartAsync(inHours: false);
        var phone = line.Phone(Texter);

        var reply = await phone.TextAsync("TALK");

        Assert.Equal("No one from our team can text right now. Someone will be here today at 9:00 AM. If you are in danger, call 911. " +
            "Trafficking Hotline 24/7: 1-888-373-7888, text HELP to 233733. Reply 0 for menu.", reply);
        Assert.Empty(await line.Inbox.ListOpenAsync());
        Assert.Equal(MenuReplies.After(3), await phone.TextAsync("3"));
    }

    [Fact]
    public async Task Friday_evening_names_monday_and_spanish_names_lunes()
    {
        await using var line = await HandoffLine.StartAsync(inHours: false);
        line.Factory.Clock.Advance(TimeSpan.FromHours(24 + 12)); // Friday 6:00 PM

        Assert.Contains("Someone will be here Monday at 9:00 AM.", await line.Phone(Texter).TextAsync("TALK"));
        Assert.Contains("Alguien estara aqui el lunes a las 9:00.", await line.Phone(OtherTexter).TextAsync("HABLAR"));
    }

    [Fact]
    public async Task In_hours_with_no_one_on_shift_she_is_told_so_without_a_time_and_nothing_opens()
    {
        await using var line = await HandoffLine.StartAsync(onShift: false);

        var reply = await line.Phone(Texter).TextAsync("TALK");

        Assert.StartsWith("No one from our team can text right now. If you are in danger, call 911.", reply);
        Assert.DoesNotContain("Someone will be here", reply);
        Assert.DoesNotContain(HandoffLine.English.HandoffOffer, reply);
        Assert.Empty(await line.Inbox.ListOpenAsync());
    }

    [Fact]
    public async Task Going_off_shift_ends_the_promise()
    {
        await using var line = await HandoffLine.StartAsync();
        await line.Shifts.GoOffAsync(HandoffLine.Staff);

        Assert.Empty(await line.Shifts.OnShiftAsync());
        Assert.StartsWith("No one from our team", await line.Phone(Texter).TextAsync("TALK"));
    }

    [Fact]
    public async Task With_take_messages_on_her_next_text_is_a_message_for_the_next_shift_and_then_the_menu_works()
    {
        await using var line = await HandoffLine.StartAsync(onShift: false, takeMessages: true);
        var phone = line.Phone(Texter);
        await phone.TextAsync("hi");
        await phone.TextAsync("1");
        await phone.TextAsync("5");

        var offer = await phone.TextAsync("TALK");
        Assert.Contains(HandoffLine.English.HandoffOffer, offer);
        Assert.Empty(await line.Inbox.ListOpenAsync());

        Assert.Equal(HandoffLine.English.HandoffMessageTaken, await phone.TextAsync("Please text me back about a lawyer."));

        var conversation = await line.OnlyOpenAsync();
        Assert.Equal(["Clearing your record"], conversation.AnswersRead);
        Assert.Equal("Please text me back about a lawyer.", (await line.Inbox.MessagesAsync(conversation.Id))[^1].Body);
        // Her later texts work the menu: the message waits for staff.
        Assert.Equal(MenuReplies.After(3), await phone.TextAsync("3"));
        Assert.Equal(2, (await line.Inbox.MessagesAsync(conversation.Id)).Count);
    }

    // "yeah" and "k" answer a waiting check-in text only (check_in_yes); after the offer, with no check-in, they are her
    // message as any words are, as they were before those words were listed.
    [Theory]
    [InlineData("yeah")]
    [InlineData("k")]
    public async Task A_yes_in_her_words_after_the_offer_is_still_her_message(string text)
    {
        await using var line = await HandoffLine.StartAsync(onShift: false, takeMessages: true);
        var phone = line.Phone(Texter);
        Assert.Contains(HandoffLine.English.HandoffOffer, await phone.TextAsync("TALK"));

        Assert.Equal(HandoffLine.English.HandoffMessageTaken, await phone.TextAsync(text));
    }

    [Fact]
    public async Task With_the_inbox_full_no_message_is_taken_no_conversation_opens_and_she_gets_911_and_the_hotline()
    {
        // A soak with messages taken after hours left thousands open: the index, one record rewritten by every TALK, grew without end.
        await using var line = await HandoffLine.StartAsync(onShift: false, takeMessages: true);
        var phone = line.Phone(Texter);
        Assert.Contains(HandoffLine.English.HandoffOffer, await phone.TextAsync("TALK"));
        await FillInboxAsync(line);

        var reply = await phone.TextAsync("Please call me back about a lawyer.");
        Assert.NotEqual(HandoffLine.English.HandoffMessageTaken, reply);
        Assert.Contains("911", reply);
        Assert.DoesNotContain(HandoffLine.English.HandoffOffer, reply);
        Assert.DoesNotContain(HandoffLine.English.HandoffOffer, await line.Phone(OtherTexter).TextAsync("TALK"));
        Assert.Equal(HandoffConversations.MaxOpen, (await Conversations(line).OpenIdsAsync(CancellationToken.None)).Count);
        // The offer lapsed with the refusal: her next text works the menu.
        Assert.StartsWith("Main menu.", await phone.TextAsync("0"));
    }

    [Fact]
    public async Task With_the_inbox_full_a_texter_asking_in_staffed_hours_is_told_no_one_can_answer_now()
    {
        await using var line = await HandoffLine.StartAsync();
        await FillInboxAsync(line);

        var reply = await line.Phone(Texter).TextAsync("TALK");
        Assert.NotEqual(HandoffLine.English.HandoffOpen, reply);
        Assert.Contains("911", reply);
        Assert.Equal(HandoffConversations.MaxOpen, (await Conversations(line).OpenIdsAsync(CancellationToken.None)).Count);

        // One closed: there is room again.
        await line.Factory.Services.GetRequiredService<HandoffStore>().UpdateIndexAsync(
            index => index! with { OpenIds = index.OpenIds.Skip(1).ToList() }, CancellationToken.None);
        Assert.Equal(HandoffLine.English.HandoffOpen, await line.Phone(OtherTexter).TextAsync("TALK"));
    }

    private static HandoffConversations Conversations(HandoffLine line) => line.Factory.Services.GetRequiredService<HandoffConversations>();

    private static Task FillInboxAsync(HandoffLine line) =>
        line.Factory.Services.GetRequiredService<HandoffStore>().UpdateIndexAsync(_ => new HandoffIndex
        {
            OpenIds = [.. Enumerable.Range(0, HandoffConversations.MaxOpen).Select(i => $"{i:x20}")],
        }, CancellationToken.None);

    [Fact]
    public async Task A_left_message_is_answered_by_staff_and_then_her_texts_reach_them()
    {
        await using var line = await HandoffLine.StartAsync(onShift: false, takeMessages: true);
        var phone = line.Phone(Texter);
        await phone.TextAsync("TALK");
        await phone.TextAsync("Can someone call me back about a lawyer?");
        var conversation = await line.OnlyOpenAsync();

        Assert.Equal(InboxOutcome.Done, await line.Inbox.ReplyAsync(conversation.Id, HandoffLine.Staff, "Hi, this is Ana. I can help. Are you safe to text?"));
        await line.PassesAsync();
        Assert.Single(line.SentTo(Texter));

        Assert.Null(await phone.TextAsync("yes"));
        Assert.Equal("yes", (await line.Inbox.MessagesAsync(conversation.Id))[^1].Body);
    }

    [Fact]
    public async Task With_take_messages_off_no_offer_is_made_and_her_next_text_is_not_taken()
    {
        await using var line = await HandoffLine.StartAsync(inHours: false);
        var phone = line.Phone(Texter);

        Assert.DoesNotContain(HandoffLine.English.HandoffOffer, await phone.TextAsync("TALK"));
        Assert.NotEqual(HandoffLine.English.HandoffMessageTaken, await phone.TextAsync("Please call me back"));
        Assert.Empty(await line.Inbox.ListOpenAsync());
    }

    [Fact]
    public async Task A_keyword_after_the_offer_works_the_menu_and_the_offer_lapses()
    {
        await using var line = await HandoffLine.StartAsync(onShift: false, takeMessages: true);
        var phone = line.Phone(Texter);
        await phone.TextAsync("TALK");

        Assert.StartsWith("Main menu.", await phone.TextAsync("0"));
        Assert.NotEqual(HandoffLine.English.HandoffMessageTaken, await phone.TextAsync("where can I get tested"));
        Assert.Empty(await line.Inbox.ListOpenAsync());
    }

    [Fact]
    public async Task While_open_her_texts_go_to_the_inbox_without_a_reply()
    {
        await using var line = await HandoffLine.StartAsync();
        var phone = line.Phone(Texter);
        await phone.TextAsync("TALK");

        Assert.Null(await phone.TextAsync("I need to get away from him"));
        Assert.Null(await phone.TextAsync("3"));
        Assert.Null(await phone.TextAsync("TALK"));

        var messages = await line.Inbox.MessagesAsync((await line.OnlyOpenAsync()).Id);
        Assert.Equal(["I need to get away from him", "3", "TALK"], messages.Where(m => m.From == InboxMessageFrom.Texter).Select(m => m.Body));
    }

    [Fact]
    public async Task Past_the_rate_limit_her_texts_still_reach_the_conversation_up_to_the_urgent_cap()
    {
        await using var line = await HandoffLine.StartAsync(rateLimitPerMinute: 3);
        var phone = line.Phone(Texter);
        await phone.TextAsync("TALK");
        var burst = Enumerable.Range(1, 12).Select(i => $"line {i}").ToList();

        foreach (var text in burst) Assert.Null(await phone.TextAsync(text));
        for (var i = 0; i < 10; i++) await phone.TextAsync("flood");

        var kept = (await line.Inbox.MessagesAsync((await line.OnlyOpenAsync()).Id)).Where(m => m.From == InboxMessageFrom.Texter).Select(m => m.Body).ToList();
        Assert.Equal(burst, kept.Take(burst.Count));
        Assert.True(kept.Count < burst.Count + 10, "a flood past the urgent cap is still stopped");
    }

    [Fact]
    public async Task A_twilio_retry_of_a_text_in_the_conversation_is_stored_once()
    {
        await using var line = await HandoffLine.StartAsync();
        var phone = line.Phone(Texter);
        await phone.TextAsync("TALK");
        var sid = phone.NextSid();

        Assert.Null(await phone.TextAsync("are you there", sid));
        Assert.Null(await phone.TextAsync("are you there", sid));

        Assert.Single(await line.Inbox.MessagesAsync((await line.OnlyOpenAsync()).Id), m => m.Body == "are you there");
    }

    [Fact]
    public async Task Help_in_the_conversation_still_gets_the_help_reply_and_staff_see_it()
    {
        await using var line = await HandoffLine.StartAsync();
        var phone = line.Phone(Texter);
        await phone.TextAsync("TALK");

        Assert.Equal(HandoffLine.English.Help, await phone.TextAsync("HELP"));

        // Staff see her text, and under it what the line answered her, so they know what her phone shows now.
        var messages = await line.Inbox.MessagesAsync((await line.OnlyOpenAsync()).Id);
        Assert.Equal((InboxMessageFrom.Texter, "HELP"), (messages[^2].From, messages[^2].Body));
        Assert.Equal((InboxMessageFrom.Line, HandoffService.LineAnsweredHer + HandoffLine.English.Help), (messages[^1].From, messages[^1].Body));
    }

    [Fact]
    public async Task An_emergency_mid_conversation_gets_the_emergency_reply_at_once_and_puts_her_first_as_urgent()
    {
        await using var line = await HandoffLine.StartAsync();
        var first = line.Phone(OtherTexter);
        await first.TextAsync("TALK");
        line.Factory.Clock.Advance(TimeSpan.FromMinutes(2));
        var phone = line.Phone(Texter);
        await phone.TextAsync("TALK");
        Assert.Equal(line.PseudonymOf(OtherTexter), (await line.Inbox.ListOpenAsync())[0].Pseudonym); // waiting longest

        Assert.Equal(HandoffLine.English.Emergency, await phone.TextAsync("he is hurting me"));

        var open = await line.Inbox.ListOpenAsync();
        Assert.Equal(line.PseudonymOf(Texter), open[0].Pseudonym);
        Assert.True(open[0].Urgent);
        Assert.False(open[1].Urgent);
        var messages = await line.Inbox.MessagesAsync(open[0].Id);
        var text = messages[^2];
        Assert.Equal(("he is hurting me", true), (text.Body, text.Urgent));
        // Staff see that she was already sent 911 and the hotline: a volunteer once could not tell whether she got them.
        Assert.Equal((InboxMessageFrom.Line, HandoffService.LineAnsweredHer + HandoffLine.English.Emergency), (messages[^1].From, messages[^1].Body));
        Assert.Equal(HandoffLine.English.Emergency, await phone.TextAsync("DANGER"));
        Assert.Null(await phone.TextAsync("please hurry"));
        // A text the line did not answer gets no such line.
        Assert.Equal("please hurry", (await line.Inbox.MessagesAsync(open[0].Id))[^1].Body);
    }

    [Fact]
    public async Task A_twilio_retry_of_an_emergency_in_the_conversation_shows_the_line_s_answer_once()
    {
        await using var line = await HandoffLine.StartAsync();
        var phone = line.Phone(Texter);
        await phone.TextAsync("TALK");
        var sid = phone.NextSid();

        await phone.TextAsync("DANGER", sid);
        await phone.TextAsync("DANGER", sid);

        var messages = await line.Inbox.MessagesAsync((await line.OnlyOpenAsync()).Id);
        Assert.Single(messages, m => m.Body == "DANGER");
        Assert.Single(messages, m => m.Body.StartsWith(HandoffService.LineAnsweredHer, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Menu_ends_the_conversation_returns_to_the_menu_and_staff_see_that_she_left()
    {
        await using var line = await HandoffLine.StartAsync();
        var phone = line.Phone(Texter);
        await phone.TextAsync("TALK");
        var id = (await line.OnlyOpenAsync()).Id;

        var reply = await phone.TextAsync("MENU");

        Assert.Equal(HandoffLine.English.HandoffLeft + "\n" + MenuReplies.After(), reply);
        Assert.Empty(await line.Inbox.ListOpenAsync());
        var conversation = await line.Inbox.FindAsync(id);
        Assert.Equal(InboxConversationState.Closed, conversation!.State);
        Assert.Equal(HandoffService.TexterReturnedToMenu, (await line.Inbox.MessagesAsync(id))[^1].Body);
        Assert.Equal(InboxOutcome.Closed, await line.Inbox.ReplyAsync(id, HandoffLine.Staff, "Hello?"));
        Assert.Equal(MenuReplies.After(3), await phone.TextAsync("3"));
        await line.PassesAsync();
        Assert.Empty(line.SentTo(Texter)); // no closing text: she saw the menu
    }

    [Fact]
    public async Task Stop_mid_conversation_opts_her_out_closes_it_and_no_text_goes_to_her()
    {
        await using var line = await HandoffLine.StartAsync();
        var phone = line.Phone(Texter);
        await phone.TextAsync("TALK");
        var id = (await line.OnlyOpenAsync()).Id;

        Assert.Equal(HandoffLine.English.StopConfirm, await phone.TextAsync("STOP"));

        Assert.Empty(await line.Inbox.ListOpenAsync());
        Assert.Equal(HandoffService.TexterOptedOut, (await line.Inbox.MessagesAsync(id))[^1].Body);
        Assert.Equal(InboxOutcome.Closed, await line.Inbox.ReplyAsync(id, HandoffLine.Staff, "Are you ok?"));
        Assert.Null(await phone.TextAsync("hello?"));
        await line.AdvanceAsync(TimeSpan.FromHours(1));
        Assert.Empty(line.SentTo(Texter));
    }

    [Fact]
    public async Task Forget_mid_conversation_deletes_it_at_once()
    {
        await using var line = await HandoffLine.StartAsync();
        var phone = line.Phone(Texter);
        await phone.TextAsync("TALK");
        await phone.TextAsync("my name is Rosa");
        var id = (await line.OnlyOpenAsync()).Id;

        Assert.StartsWith("Done. This line deleted what it kept about you", await phone.TextAsync("FORGET"));

        Assert.Empty(await line.Inbox.ListOpenAsync());
        Assert.Null(await line.Inbox.FindAsync(id));
        Assert.Empty(await line.Inbox.MessagesAsync(id));
    }

    [Fact]
    public async Task Forget_after_close_deletes_the_kept_conversation_too()
    {
        await using var line = await HandoffLine.StartAsync();
        var phone = line.Phone(Texter);
        await phone.TextAsync("TALK");
        var id = (await line.OnlyOpenAsync()).Id;
        await phone.TextAsync("MENU");
        Assert.NotNull(await line.Inbox.FindAsync(id));

        await phone.TextAsync("FORGET");

        Assert.Null(await line.Inbox.FindAsync(id));
    }
}
