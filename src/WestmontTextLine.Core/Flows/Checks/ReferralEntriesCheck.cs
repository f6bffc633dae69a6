using static WestmontTextLine.Flows.Checks.TextRules;

namespace WestmontTextLine.Flows.Checks;

/// <summary>Every referral names its organisation, its source and confidence, whether to verify it, and a label per language.</summary>
public sealed class ReferralEntriesCheck : IFlowCheck
{
    public void Check(FlowCheckInput input, List<FlowProblem> problems)
    {
        var file = input.ReferralsFile;
        var languages = input.Languages.Select(l => l.Document.Language ?? "").ToList();
        if (input.Referrals.Referrals.Count == 0) problems.Add(Error($"{file}: no referrals"));
        foreach (var (id, referral) in input.Referrals.Referrals)
        {
            var where = $"{file}: referral '{id}'";
            if (referral is null)
            {
                problems.Add(Error($"{where}: is empty"));
                continue;
            }
            if (string.IsNullOrWhiteSpace(referral.Name)) problems.Add(Error($"{where}: name is missing"));
            if (string.IsNullOrWhiteSpace(referral.Source)) problems.Add(Error($"{where}: source is missing"));
            if (string.IsNullOrWhiteSpace(referral.Confidence)) problems.Add(Error($"{where}: confidence is missing"));
            if (referral.VerifyBeforeLaunch is null) problems.Add(Error($"{where}: verify_before_launch is missing"));
            if (referral.TextNumber is not null != referral.TextKeyword is not null)
            {
                problems.Add(Error($"{where}: text_number and text_keyword go together"));
            }
            foreach (var language in languages)
            {
                if (!referral.Label.TryGetValue(language, out var label) || string.IsNullOrWhiteSpace(label))
                {
                    problems.Add(Error($"{where}: label.{language} is missing"));
                }
            }
            foreach (var (language, label) in referral.Label)
            {
                CheckSmsText($"{where}: label.{language}", label, problems);
                // The reply shows the label before the number, so it keeps the answers' rule.
                CheckNoSolicitationPlace($"{where}: label.{language}", label, problems);
            }
            foreach (var value in new[] { referral.Phone, referral.TextNumber, referral.TextKeyword, referral.Website })
            {
                if (value is not null) CheckSmsText(where, value, problems);
            }
        }
    }
}
