namespace WestmontTextLine.Flows;

/// <summary>
/// The fixed texts of one language, by name, with referral placeholders already filled in. Each is read from the
/// YAML key named in <see cref="From"/>; adding a message is one property here and one key in the flow files.
/// </summary>
public sealed record Messages
{
    public required string Welcome { get; init; }
    public required string NotUnderstood { get; init; }

    /// <summary>The answer to a whole text that thanks or closes ("thanks", "bye"): take care, the menu, 911.</summary>
    public required string Courtesy { get; init; }

    /// <summary>In place of <see cref="NotUnderstood"/> when the text came with a picture or file, which the line does not read.</summary>
    public required string MediaNotRead { get; init; }
    public required string FooterMain { get; init; }
    public required string Footer { get; init; }
    public required string Help { get; init; }
    public required string Emergency { get; init; }
    public required string StopConfirm { get; init; }
    public required string StartConfirm { get; init; }
    public required string ForgetConfirm { get; init; }

    /// <summary>FORGET's confirmation where the line does not delete its texts at the provider (no Twilio account set).</summary>
    public required string ForgetConfirmNoProviderDeletion { get; init; }
    public required string LanguageSet { get; init; }
    public required string ChooseTopic { get; init; }
    public required string Fallback { get; init; }

    // The safety check-in and buddy texts; {time}, {name} and {texter} are filled when they are sent.
    public required string CheckInSet { get; init; }

    /// <summary><see cref="CheckInSet"/> when the clocks change before the check-in: the time her phone will show then.</summary>
    public required string CheckInSetClockChange { get; init; }
    public required string CheckInUsage { get; init; }
    public required string CheckInUnavailable { get; init; }
    public required string CheckInStopped { get; init; }

    /// <summary>A late OK, after the check-in lapsed and her safety contact was texted.</summary>
    public required string CheckInLateContact { get; init; }

    /// <summary>A late OK, after the check-in lapsed with no contact to text.</summary>
    public required string CheckInLate { get; init; }
    public required string CheckInDue { get; init; }

    /// <summary>
    /// For "thanks", or a text the line did not understand or would welcome, while her check-in text waits for her OK:
    /// it is still on.
    /// </summary>
    public required string CheckInWaiting { get; init; }
    public required string CheckInMissed { get; init; }

    /// <summary>Her check-in lapsed and the alert to her contact was refused or not delivered: 911 and the hotline.</summary>
    public required string CheckInMissedUnreached { get; init; }
    public required string BuddyRequest { get; init; }
    public required string BuddyRequestReminder { get; init; }

    /// <summary>
    /// To a contact who agreed and texts the line in their own words ("who is this?", "is she ok?" after an alert): who
    /// writes, why, that no one reads replies, 911, and STOP.
    /// </summary>
    public required string BuddyContactReply { get; init; }

    /// <summary>Spoken to anyone who calls the line's number (a contact calling back after an alert): texts only, 911.</summary>
    public required string VoiceReply { get; init; }
    public required string BuddySomeone { get; init; }
    public required string BuddyRequested { get; init; }

    /// <summary>As <see cref="BuddyRequested"/>, when the request shows no name ("Someone you know"): tell them it is you.</summary>
    public required string BuddyRequestedNoName { get; init; }
    public required string BuddyAgreed { get; init; }
    public required string BuddyDeclined { get; init; }

    /// <summary>The request to be her contact was refused or not delivered: she may name someone else.</summary>
    public required string BuddyUnreachable { get; init; }

    /// <summary>Her contact texted FORGET: they are off her plan and get no more texts; she may name someone else.</summary>
    public required string BuddyLeft { get; init; }
    public required string BuddyThanks { get; init; }
    public required string BuddyDeclineAck { get; init; }

    /// <summary>Her plan with a contact lapsed unused (30 days): told once at her next CHECK or CODEWORD.</summary>
    public required string BuddyLapsed { get; init; }

    /// <summary>To a number that said it is not her contact ("wrong number"): it gets no more texts for her; nothing more about her.</summary>
    public required string BuddyWrongNumberAck { get; init; }
    public required string BuddyRemoved { get; init; }
    public required string BuddyUsage { get; init; }
    public required string BuddyRefused { get; init; }

    /// <summary>A number the line will not ask (it said no, or was asked three times this week): no reason given, which would tell her about someone else.</summary>
    public required string BuddyNotAsked { get; init; }
    public required string BuddyLimit { get; init; }
    public required string AlertMissed { get; init; }
    public required string AlertCodeWord { get; init; }
    public required string AlertStaff { get; init; }

    /// <summary>To the on-call phone: the alert to her safety contact (a missed check-in, her code word) was not delivered.</summary>
    public required string AlertStaffUnreached { get; init; }
    /// <summary>The code word is saved and her safety contact has agreed, so the word alerts them.</summary>
    public required string CodeWordSet { get; init; }

    /// <summary>The code word is saved, but the contact she asked has not said yes yet.</summary>
    public required string CodeWordSetPending { get; init; }

    /// <summary>The code word is saved, but she has no safety contact for it to alert.</summary>
    public required string CodeWordSetNoContact { get; init; }
    public required string CodeWordUsage { get; init; }
    public required string CodeWordAck { get; init; }

    // Talk to a person. {next}, {offer}, {day} and {time} are filled when they are sent.
    /// <summary>Someone is on shift: they will text back here soon; in danger, call 911.</summary>
    public required string HandoffOpen { get; init; }

    /// <summary>No one can text now: {next} (when someone will be), 911 and the hotline, {offer} (to leave a message).</summary>
    public required string HandoffUnavailable { get; init; }

    /// <summary>"Someone will be here {day} at {time}." (a part of <see cref="HandoffUnavailable"/>).</summary>
    public required string HandoffNext { get; init; }

    /// <summary>"Someone will be here today at {time}.": <see cref="HandoffNext"/> when staffed hours begin later today.</summary>
    public required string HandoffNextToday { get; init; }

    /// <summary>The seven day names, Sunday first, separated by commas, as {day} shows them.</summary>
    public required string HandoffDays { get; init; }

    /// <summary>The offer to leave a message for the next shift (a part of <see cref="HandoffUnavailable"/>).</summary>
    public required string HandoffOffer { get; init; }
    public required string HandoffMessageTaken { get; init; }

    /// <summary>The text that ends a conversation with staff (closed by staff, or after a silence).</summary>
    public required string HandoffClosed { get; init; }

    /// <summary>
    /// The text that ends a conversation no one from staff ever answered (closed after a silence, or a message left
    /// for a shift that no one took): sorry, how to try again, 911 and the 24/7 hotline.
    /// </summary>
    public required string HandoffClosedUnanswered { get; init; }

    /// <summary>The line above the main menu when she leaves a conversation with staff with MENU.</summary>
    public required string HandoffLeft { get; init; }

    /// <summary>How a referral's text line reads, with {keyword} and {number} left to fill (not a reply of its own).</summary>
    public required string ReferralText { get; init; }

    /// <summary>Every message that is a text of its own or a part of one, by key, in file order (for the checks).</summary>
    public IReadOnlyList<(string Key, string Text)> All { get; private init; } = [];

    /// <summary>The messages sent as a whole reply on their own (not a line above a menu), by key.</summary>
    public IReadOnlyList<(string Key, string Text)> SentAlone { get; private init; } = [];

    /// <summary>Every YAML key a language file must give under messages:.</summary>
    public static readonly IReadOnlyList<string> Keys = KeysRead();

    /// <param name="filled">A message by its key, its {ref:id} placeholders filled in.</param>
    /// <param name="asWritten">A message by its key, as written.</param>
    public static Messages From(Func<string, string> filled, Func<string, string> asWritten)
    {
        var all = new List<(string, string)>();
        var alone = new List<(string, string)>();
        string Part(string key)
        {
            var text = filled(key);
            all.Add((key, text));
            return text;
        }
        string Alone(string key)
        {
            var text = Part(key);
            alone.Add((key, text));
            return text;
        }
        return new Messages
        {
            Welcome = Part("welcome"),
            NotUnderstood = Part("not_understood"),
            Courtesy = Alone("courtesy"),
            MediaNotRead = Part("media_not_read"),
            FooterMain = Part("footer_main"),
            Footer = Part("footer"),
            Help = Alone("help"),
            Emergency = Alone("emergency"),
            StopConfirm = Alone("stop_confirm"),
            StartConfirm = Part("start_confirm"),
            ForgetConfirm = Alone("forget_confirm"),
            ForgetConfirmNoProviderDeletion = Alone("forget_confirm_no_provider_deletion"),
            LanguageSet = Part("language_set"),
            ChooseTopic = Part("choose_topic"),
            Fallback = Alone("fallback"),
            CheckInSet = Alone("checkin_set"),
            CheckInSetClockChange = Alone("checkin_set_clock_change"),
            CheckInUsage = Alone("checkin_usage"),
            CheckInUnavailable = Alone("checkin_unavailable"),
            CheckInStopped = Alone("checkin_stopped"),
            CheckInLateContact = Alone("checkin_late_contact"),
            CheckInLate = Alone("checkin_late"),
            CheckInDue = Alone("checkin_due"),
            CheckInWaiting = Alone("checkin_waiting"),
            CheckInMissed = Alone("checkin_missed"),
            CheckInMissedUnreached = Alone("checkin_missed_unreached"),
            BuddyRequest = Alone("buddy_request"),
            BuddyRequestReminder = Alone("buddy_request_reminder"),
            BuddyContactReply = Alone("buddy_contact_reply"),
            VoiceReply = Alone("voice_reply"),
            BuddySomeone = Part("buddy_someone"),
            BuddyRequested = Alone("buddy_requested"),
            BuddyRequestedNoName = Alone("buddy_requested_no_name"),
            BuddyAgreed = Alone("buddy_agreed"),
            BuddyDeclined = Alone("buddy_declined"),
            BuddyUnreachable = Alone("buddy_unreachable"),
            BuddyLeft = Alone("buddy_left"),
            BuddyThanks = Alone("buddy_thanks"),
            BuddyDeclineAck = Alone("buddy_decline_ack"),
            BuddyLapsed = Alone("buddy_lapsed"),
            BuddyWrongNumberAck = Alone("buddy_wrong_number_ack"),
            BuddyRemoved = Alone("buddy_removed"),
            BuddyUsage = Alone("buddy_usage"),
            BuddyRefused = Alone("buddy_refused"),
            BuddyNotAsked = Alone("buddy_not_asked"),
            BuddyLimit = Alone("buddy_limit"),
            AlertMissed = Alone("alert_missed"),
            AlertCodeWord = Alone("alert_codeword"),
            AlertStaff = Alone("alert_staff"),
            AlertStaffUnreached = Alone("alert_staff_unreached"),
            CodeWordSet = Alone("codeword_set"),
            CodeWordSetPending = Alone("codeword_set_pending"),
            CodeWordSetNoContact = Alone("codeword_set_no_contact"),
            CodeWordUsage = Alone("codeword_usage"),
            CodeWordAck = Alone("codeword_ack"),
            HandoffOpen = Alone("handoff_open"),
            HandoffUnavailable = Alone("handoff_unavailable"),
            HandoffNext = Part("handoff_next"),
            HandoffNextToday = Part("handoff_next_today"),
            HandoffDays = Part("handoff_days"),
            HandoffOffer = Part("handoff_offer"),
            HandoffMessageTaken = Alone("handoff_message_taken"),
            HandoffClosed = Alone("handoff_closed"),
            HandoffClosedUnanswered = Alone("handoff_closed_unanswered"),
            HandoffLeft = Part("handoff_left"),
            ReferralText = asWritten("referral_text"),
            All = all,
            SentAlone = alone,
        };
    }

    private static List<string> KeysRead()
    {
        var keys = new List<string>();
        string Record(string key)
        {
            keys.Add(key);
            return "";
        }
        From(Record, Record);
        return keys;
    }
}
