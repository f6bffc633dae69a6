using WestmontTextLine.Reading;
using static WestmontTextLine.Flows.Checks.TextRules;

namespace WestmontTextLine.Flows.Checks;

/// <summary>The reading_level limit must be the one the language's formula uses: a grade for English, an ease for Spanish.</summary>
public sealed class ReadingLevelSettingCheck : IFlowCheck
{
    public void Check(FlowCheckInput input, List<FlowProblem> problems)
    {
        foreach (var (file, document) in input.Languages)
        {
            if (document.ReadingLevel is not { } level) continue;
            var where = $"{file}: reading_level";
            var formula = ReadingFormula.For(document.Language);
            if (formula is null)
            {
                problems.Add(Error($"{where}: there is no reading score for language '{document.Language}' (en: {ReadingFormula.FleschKincaidGrade.Name}, es: {ReadingFormula.FernandezHuertaEase.Name})"));
                continue;
            }
            var other = formula == ReadingFormula.FleschKincaidGrade ? ReadingFormula.FernandezHuertaEase : ReadingFormula.FleschKincaidGrade;
            var (given, wrong) = formula == ReadingFormula.FleschKincaidGrade ? (level.MaxGrade, level.MinEase) : (level.MinEase, level.MaxGrade);
            if (wrong is not null)
            {
                problems.Add(Error($"{where}: {other.LimitSetting} is for the {other.Name}; answers in '{document.Language}' get a {formula.Name}, so set {formula.LimitSetting}"));
            }
            else if (given is null) problems.Add(Error($"{where}: {formula.LimitSetting} is missing"));
        }
    }
}
