using WestmontTextLine.Engine;
using WestmontTextLine.Flows;

namespace WestmontTextLine.Usage;

/// <summary>
/// Delivery status per answer, never per person. Each reply is labelled with what it was (a node, or a fixed reply
/// such as the emergency one); Twilio's status callback brings the label back, and a final status is counted by
/// day under it, with the error code when there is one. Labels and codes come from closed sets, so nothing a
/// caller sends can become a metric name.
/// </summary>
public static class DeliveryMetrics
{
    public const string Prefix = "delivery:";
    public const string ErrorPrefix = "delivery-error:";

    /// <summary>The statuses Twilio reports last for a message.</summary>
    public static readonly IReadOnlyList<string> FinalStatuses = ["delivered", "undelivered", "failed"];

    /// <summary>Codes worth telling apart: filtered by a carrier, unreachable, opted out, unknown.</summary>
    public static readonly IReadOnlyDictionary<int, string> KnownErrors = new Dictionary<int, string>
    {
        [30007] = "carrier filtered",
        [30003] = "unreachable",
        [30005] = "unknown or inactive number",
        [30006] = "landline or unreachable carrier",
        [OptedOutAtCarrierCode] = "opted out (STOP at the carrier)",
        [30008] = "unknown error",
    };

    public const string OtherError = "other";

    /// <summary>Twilio's code for a number that replied STOP at its carrier (or Messaging Service) and never opted back in.</summary>
    public const int OptedOutAtCarrierCode = 21610;

    /// <summary>
    /// A reply Twilio refused with 21610: her own choice, not a delivery that went wrong, so counted apart from
    /// "failed", as an outbound text's refusal is (<see cref="OutboundMetrics.OptedOutAtCarrier"/>).
    /// </summary>
    public const string RefusedAtCarrier = "refused_at_carrier";

    /// <summary>The outcomes `stats` and the console show, each with its name there.</summary>
    public static readonly IReadOnlyList<(string Status, string Name)> Outcomes =
        [("delivered", "delivered"), ("undelivered", "undelivered"), ("failed", "failed"), (RefusedAtCarrier, OutboundMetrics.OptedOutAtCarrierName)];

    /// <summary>Labels of replies that are not a node's.</summary>
    public static readonly IReadOnlyList<string> FixedLabels =
        [
            "emergency", "help", "stop", "forget", "not_understood", "courtesy", "choices", "fallback", "repeat", "outbound", "other",
            "checkin_set", "checkin_usage", "checkin_unavailable", "checkin_stopped", "checkin_due", "checkin_waiting", "checkin_missed", "checkin_missed_unreached",
            "buddy_request", "buddy_request_reminder", "buddy_contact_reply", "buddy_requested", "buddy_requested_no_name", "buddy_agreed", "buddy_declined", "buddy_unreachable", "buddy_left", "buddy_thanks", "buddy_decline_ack", "buddy_lapsed", "buddy_wrong_number_ack", "buddy_removed",
            "buddy_usage", "buddy_refused", "buddy_limit", "alert_missed", "alert_codeword", "alert_staff", "alert_staff_unreached",
            "codeword_set", "codeword_usage", "codeword_ack",
            "handoff", "handoff_open", "handoff_unavailable", "handoff_message_taken", "handoff_closed", "handoff_closed_unanswered",
        ];

    /// <summary>What a reply was, for its status callback: the node shown, else which fixed reply.</summary>
    public static string LabelOf(TextEvent textEvent)
    {
        if (textEvent.Duplicate) return "repeat";
        if (textEvent.NodeShown is { } node) return node;
        if (textEvent.NotUnderstood) return "not_understood";
        if (textEvent.Courtesy) return "courtesy";
        return textEvent.Keyword switch
        {
            KeywordAction.Emergency => "emergency",
            KeywordAction.Help => "help",
            KeywordAction.Stop => "stop",
            KeywordAction.Forget => "forget",
            _ => "choices",
        };
    }

    /// <summary>A label as a callback brought it back: one of the flow's nodes or a fixed label, else "other".</summary>
    public static string KnownLabel(string? label, Flow flow) =>
        label is not null && (flow.Default.Nodes.ContainsKey(label) || FixedLabels.Contains(label)) ? label : "other";

    /// <summary>The metrics of one final status; none for a status that is not final.</summary>
    public static IReadOnlyList<string> Of(string status, string label, int? errorCode)
    {
        if (!FinalStatuses.Contains(status)) return [];
        if (errorCode == OptedOutAtCarrierCode) return [Prefix + RefusedAtCarrier, $"{Prefix}{RefusedAtCarrier}:{label}"];
        var metrics = new List<string>(4) { Prefix + status, $"{Prefix}{status}:{label}" };
        if (errorCode is { } code)
        {
            var error = KnownErrors.ContainsKey(code) ? code.ToString(System.Globalization.CultureInfo.InvariantCulture) : OtherError;
            metrics.Add(ErrorPrefix + error);
            metrics.Add($"{ErrorPrefix}{error}:{label}");
        }
        return metrics;
    }
}
