using Microsoft.Extensions.Time.Testing;
using WestmontTextLine.Outbound;
using WestmontTextLine.Records;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Logging;

/// <summary>
/// /healthz reads the line's health records (the on-call phone's, the line's own number's, one a safety text) at each
/// poll. While the store did not answer, each read of each was a warning: a load balancer polling every 5 s wrote 153
/// of them in two minutes of Redis down, and anyone could write more by asking /healthz. A record that cannot be read is
/// now told once until it is read again, pointing at the storage line that says when the store answers.
/// </summary>
public sealed class HealthRecordFaultLogTests
{
    [Fact]
    public async Task A_record_the_store_cannot_read_is_logged_once_an_outage_however_often_it_is_polled()
    {
        var logs = new CapturedLogs();
        var records = new DownableRecords(new InMemoryPrivateRecords());
        var failure = new FailureInLastDay(records, "on-call-phone", new FakeTimeProvider(), logs.CreateLogger("FailureInLastDay"));

        records.Down = true;
        for (var poll = 0; poll < 5; poll++) Assert.Null(await failure.LastAsync());
        Assert.True(await failure.NoteAsync(30006));
        await failure.ClearAsync();

        var line = Assert.Single(logs.Lines);
        Assert.StartsWith("Warning", line);
        Assert.Contains("The line's health record on-call-phone could not be read or kept: IOException", line);
        Assert.Contains("Health check storage is Healthy again", line);

        records.Down = false;
        await failure.LastAsync();
        records.Down = true;
        await failure.LastAsync();
        Assert.Equal(2, logs.Lines.Count); // another outage is told again
    }
}
