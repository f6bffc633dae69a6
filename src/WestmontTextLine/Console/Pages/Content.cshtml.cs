using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using WestmontTextLine.Flows;
using WestmontTextLine.Flows.Checks;
using WestmontTextLine.Settings;

namespace WestmontTextLine.Console.Pages;

/// <summary>What `check` reports, for the people who edit content: problems by node, reading levels, referrals to verify.</summary>
public sealed class ContentModel(AppRoot appRoot, IOptions<TextLineOptions> options) : PageModel
{
    public FlowLoadResult Result { get; private set; } = null!;
    public IReadOnlyList<(string Language, string Formula, IReadOnlyList<(string Node, double Score)> Scores)> Reading { get; private set; } = [];
    public IReadOnlyList<Referral> ToVerify { get; private set; } = [];

    public void OnGet()
    {
        // The files as they are now on disk: a change shows here (and in check) before the line is restarted.
        Result = FlowLoader.Load(appRoot.Resolve(options.Value.FlowsPath));
        if (Result.Flow is not { } flow) return;
        Reading = [.. flow.Languages.Values.Where(l => l.ReadingLimit is not null).Select(l =>
            (l.Language, l.ReadingLimit!.Formula.Name, ReadingLevelCheck.ScoresOf(l)))];
        ToVerify = [.. flow.Referrals.Values.Where(r => r.VerifyBeforeLaunch).OrderBy(r => r.Id, StringComparer.Ordinal)];
    }
}
