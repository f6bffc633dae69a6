using System.Text;
using WestmontTextLine.Engine;
using WestmontTextLine.Sms;
using WestmontTextLine.Twilio;

namespace WestmontTextLine.Voice;

/// <summary>
/// POST /voice: Twilio's webhook for a call to the line's number ("A call comes in"). The line takes texts only, yet
/// its texts make people call back: a safety contact who just read that someone missed a check-in calls the number
/// that texted. The call hears, in English then Spanish, that the number takes texts only, 911 if someone is in
/// danger, and the 24/7 hotline (<c>voice_reply</c> in each flow file), and is ended. Signed and limited like /sms;
/// nothing is stored or logged about the caller.
/// </summary>
public static class VoiceEndpoint
{
    public const string Path = "/voice";

    /// <summary>The voice each language is spoken in (Twilio's Say language codes).</summary>
    private static readonly (string Flow, string Spoken)[] Voices = [("en", "en-US"), ("es", "es-MX")];

    public static IEndpointRouteBuilder MapVoice(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, Handle)
            .AsTwilioWebhook();
        return app;
    }

    private static IResult Handle(ConversationEngine engine)
    {
        var spoken = Voices.Where(voice => engine.Flow.Languages.ContainsKey(voice.Flow))
            .Select(voice => (voice.Spoken, engine.Flow.Language(voice.Flow).Messages.VoiceReply));
        return Results.Text(TwiMLWriter.WriteSpoken(spoken), TwiMLResult.ContentType, Encoding.UTF8);
    }
}
