using Microsoft.AspNetCore.Http.Features;

namespace WestmontTextLine.Twilio;

/// <summary>What a Twilio webhook's form may hold: 64 KB and 100 fields at most.</summary>
public static class TwilioWebhookForm
{
    public const int MaxBodyBytes = 64 * 1024;
    public const int MaxFields = 100;

    public static readonly FormOptions Limits = new()
    {
        ValueCountLimit = MaxFields,
        ValueLengthLimit = MaxBodyBytes,
        KeyLengthLimit = 1024,
        BufferBodyLengthLimit = MaxBodyBytes,
        MultipartBodyLengthLimit = MaxBodyBytes,
    };
}
