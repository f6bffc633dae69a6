namespace WestmontTextLine.Reading;

/// <summary>A flow file's reading_level: the score beyond which an answer gets a warning.</summary>
public sealed record ReadingLimit(ReadingFormula Formula, double Limit)
{
    public bool IsBeyond(double score) => Formula.IsBeyond(score, Limit);

    /// <summary>"above the limit of 8 (max_grade)" or "below the limit of 70 (min_ease)".</summary>
    public string Describe() =>
        $"{(Formula.HigherIsHarder ? "above" : "below")} the limit of {Limit:0.#} ({Formula.LimitSetting}); "
        + $"shorter sentences and shorter words {(Formula.HigherIsHarder ? "lower" : "raise")} it";
}
