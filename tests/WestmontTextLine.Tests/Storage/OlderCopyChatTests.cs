using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Handoff;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Handoff;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Storage;

/// <summary>
/// A chat with staff, open in a copy of the database and closed (with its closing text) after the copy was taken: put
/// back where the line ran, its idle close, due before the line started on the copy, sends her no second closing text.
/// </summary>
public sealed class OlderCopyChatTests
{
    private const string Texter = "+16305558701";

    [Fact]
    public async Task A_chat_closed_after_the_copy_was_taken_is_closed_again_without_a_second_closing_text()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        var database = Path.Combine(Path.GetTempPath(), $"textline-putback-chat-{Guid.NewGuid():N}.db");
        var copy = database + ".copy";
        try
        {
            await using (var before = await HandoffLine.StartAsync(new TextLineFactory { DatabasePath = database, KeepDatabase = true }, fake: fake))
            {
                var mark = before.Factory.Services.GetRequiredService<SqliteCopyMark>();
                await mark.StepAsync(CancellationToken.None);
                await before.Phone(Texter).TextAsync("TALK");
                var id = (await before.OnlyOpenAsync()).Id;
                Assert.Equal(InboxOutcome.Done, await before.Inbox.ClaimAsync(id, HandoffLine.Staff));
                Assert.Equal(InboxOutcome.Done, await before.Inbox.ReplyAsync(id, HandoffLine.Staff, "Hi, I am here."));
                await before.PassesAsync();
                using (var from = new SqliteConnection($"Data Source={database};Pooling=False"))
                using (var to = new SqliteConnection($"Data Source={copy};Pooling=False"))
                {
                    from.Open();
                    to.Open();
                    from.BackupDatabase(to);
                }
                await before.AdvanceAsync(TimeSpan.FromMinutes(31));
                Assert.Equal([English.HandoffClosed], before.SentTo(Texter).Skip(1));
                for (var minute = 0; minute < 5; minute++) await mark.StepAsync(CancellationToken.None);
            }
            SqliteConnection.ClearAllPools();
            foreach (var suffix in SqliteFiles.Suffixes) File.Delete(database + suffix);
            File.Move(copy, database);
            var sent = fake.Messages.Count;

            var restored = new TextLineFactory { DatabasePath = database };
            restored.Clock.Advance(TimeSpan.FromMinutes(40)); // HandoffLine moves it 4 hours on, into the staffed hours
            await using var after = await HandoffLine.StartAsync(restored, fake: fake, onShift: false);
            await after.PassesAsync();

            Assert.Empty(await after.Inbox.ListOpenAsync());
            Assert.Equal(sent, fake.Messages.Count);
        }
        finally
        {
            SqliteFiles.Delete(database);
            SqliteFiles.Delete(copy);
        }
    }

    private static WestmontTextLine.Flows.Messages English => HandoffLine.English;
}
