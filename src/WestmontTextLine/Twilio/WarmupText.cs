namespace WestmontTextLine.Twilio;

/// <summary>
/// Marks the start-up warm-up's own text (`Hosting/SmsEndpointWarmup`) as not Twilio's: it proves nothing about
/// the webhook's signatures, and counted as an accepted request it cleared the refusals /healthz reports (a forged
/// request refused while the warm-up still ran was forgotten).
/// </summary>
public sealed class WarmupText
{
    public static readonly WarmupText Instance = new();

    private WarmupText()
    {
    }

    public static bool Is(HttpContext context) => context.Features.Get<WarmupText>() is not null;
}
