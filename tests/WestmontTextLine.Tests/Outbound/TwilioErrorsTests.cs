using Twilio.Exceptions;
using WestmontTextLine.Outbound;

namespace WestmontTextLine.Tests.Outbound;

/// <summary>
/// What an SDK exception means, for answers the fake does not give: "already gone" and "not final yet" come from
/// Twilio's codes only, so a wrong base URL's bare 404 never passes for a deleted message.
/// </summary>
public sealed class TwilioErrorsTests
{
    private static TwilioError? Classify(Exception exception, int recordedStatus = 0, bool isSend = false)
    {
        using var scope = TwilioCallScope.Begin(default);
        if (recordedStatus != 0) scope.Answered(new HttpResponseMessage((System.Net.HttpStatusCode)recordedStatus));
        return TwilioErrors.Classify(exception, scope, isSend);
    }

    [Fact]
    public void A_404_without_twilios_code_is_a_failure_not_already_gone()
    {
        var error = Classify(new ApiException("Api Error: NotFound - <html>not here</html>"), recordedStatus: 404);

        Assert.Equal(new TwilioError(TwilioErrorKind.Failed, null, 404), error);
        Assert.Equal(TwilioDeleteOutcome.Failed, TwilioDeleteResult.From(error!).Outcome);
    }

    [Fact]
    public void A_proxys_502_page_is_retry_later_for_a_delete_and_uncertain_for_a_send()
    {
        var page = new ApiException("Api Error: BadGateway - <html>bad gateway</html>");

        Assert.Equal(TwilioErrorKind.RetryLater, Classify(page, recordedStatus: 502)!.Kind);
        Assert.Equal(TwilioErrorKind.Uncertain, Classify(page, recordedStatus: 502, isSend: true)!.Kind);
    }

    [Theory]
    [InlineData(20003, 401, TwilioErrorKind.CredentialsRejected)]
    [InlineData(20005, 403, TwilioErrorKind.CredentialsRejected)]
    [InlineData(20404, 404, TwilioErrorKind.NotFound)]
    [InlineData(20009, 409, TwilioErrorKind.NotFinalYet)]
    [InlineData(20009, 400, TwilioErrorKind.NotFinalYet)]
    [InlineData(20429, 429, TwilioErrorKind.RetryLater)]
    [InlineData(20500, 500, TwilioErrorKind.RetryLater)]
    [InlineData(21211, 400, TwilioErrorKind.Failed)]
    public void Twilios_error_answers(int code, int status, TwilioErrorKind kind)
    {
        var error = Classify(new ApiException(code, status, "message that may quote a number", "https://www.twilio.com/docs/errors/" + code));

        Assert.Equal(new TwilioError(kind, code, status), error);
    }

    [Theory]
    [InlineData(21212)]
    [InlineData(21601)]
    [InlineData(21603)]
    [InlineData(21606)]
    [InlineData(21616)]
    [InlineData(21659)]
    [InlineData(21660)]
    [InlineData(21661)]
    public void A_send_refused_for_the_lines_own_sender_is_sender_rejected_not_the_persons_failure(int code)
    {
        var refusal = new ApiException(code, 400, "message that may quote a number", "https://www.twilio.com/docs/errors/" + code);

        Assert.Equal(new TwilioError(TwilioErrorKind.SenderRejected, code, 400), Classify(refusal, isSend: true));
        Assert.Equal(TwilioErrorKind.Failed, Classify(refusal)!.Kind);
        Assert.Equal(TwilioErrorKind.Failed, Classify(new ApiException(21211, 400, "invalid To", ""), isSend: true)!.Kind);
    }

    [Fact]
    public void An_exception_that_is_not_the_sdks_propagates() =>
        Assert.Null(Classify(new InvalidOperationException()));
}
