using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using WestmontTextLine.Handoff;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Handoff;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Storage;

/// <summary>
/// A chat with staff, open in a Redis snapshot and closed (with its closing text) after it was taken: Redis put back
/// on the snapshot with every instance stopped, as README's "Backups" says, on a real redis-server. Its idle close, due
/// before the instance started on the copy, sends her no second closing text (<see cref="OlderCopyChatTests"/> on SQLite).
/// </summary>
public sealed class RedisOlderCopyChatTests
{
    private const string Texter = "+16305558711";

    [Fact]
    public async Task A_chat_closed_after_the_snapshot_was_taken_is_closed_again_without_a_second_closing_text()
    {
        using var redis = RedisServer.Start(appendOnly: false);
        var folder = Path.Combine(Path.GetTempPath(), $"textline-test-marks-{Guid.NewGuid():N}");
        await using var fake = await ProviderTextLine.StartFakeAsync();
        try
        {
            using (var admin = await ConnectionMultiplexer.ConnectAsync($"{redis.ConnectionStringWithoutTheLinesTimeout},allowAdmin=true"))
            await using (var before = await HandoffLine.StartAsync(new RedisTextLineFactory(redis.ConnectionString) { MarkFolder = folder, KeepDatabase = true }, fake: fake))
            {
                var marker = before.Factory.Services.GetRequiredService<RedisDataMarker>();
                await before.Phone(Texter).TextAsync("TALK");
                var id = (await before.OnlyOpenAsync()).Id;
                Assert.Equal(InboxOutcome.Done, await before.Inbox.ClaimAsync(id, HandoffLine.Staff));
                Assert.Equal(InboxOutcome.Done, await before.Inbox.ReplyAsync(id, HandoffLine.Staff, "Hi, I am here."));
                await before.PassesAsync();
                await marker.CheckAsync();
                await admin.GetServers()[0].ExecuteAsync("SAVE");
                await before.AdvanceAsync(TimeSpan.FromMinutes(31));
                Assert.Equal([HandoffLine.English.HandoffClosed], before.SentTo(Texter).Skip(1));
                await marker.CheckAsync();
            }
            redis.Kill();
            redis.Restart();
            var sent = fake.Messages.Count;

            var restored = new RedisTextLineFactory(redis.ConnectionString) { MarkFolder = folder };
            restored.Clock.Advance(TimeSpan.FromMinutes(40)); // HandoffLine moves it 4 hours on, into the staffed hours
            await using var after = await HandoffLine.StartAsync(restored, fake: fake, onShift: false);
            await after.PassesAsync();

            Assert.Empty(await after.Inbox.ListOpenAsync());
            Assert.Equal(sent, fake.Messages.Count);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}
