using Microsoft.Extensions.Options;

namespace WestmontTextLine.Settings;

/// <summary>The TextLine settings, checked at start: each message names the setting and how to fix it.</summary>
public sealed class TextLineOptionsValidation(AppRoot appRoot) : IValidateOptions<TextLineOptions>
{
    // Upper bounds keep every time the line adds to a date, and every cap it derives, inside what it can represent.
    public static readonly TimeSpan LongestSessionTimeout = TimeSpan.FromDays(30);
    public static readonly TimeSpan LongestRetention = TimeSpan.FromDays(3650);

    public static bool IsPath(string path) => path.IndexOfAny(Path.GetInvalidPathChars()) < 0;

    public ValidateOptionsResult Validate(string? name, TextLineOptions options)
    {
        var failures = new List<string>();
        if (options.SessionTimeout <= TimeSpan.Zero || options.SessionTimeout > LongestSessionTimeout)
            failures.Add($"TextLine:SessionTimeout must be between a moment and 30 days, e.g. 00:30:00 (it is {options.SessionTimeout}).");
        if (options.Retention <= TimeSpan.Zero || options.Retention > LongestRetention)
            failures.Add($"TextLine:Retention must be between a moment and 3650 days, e.g. 30.00:00:00 (it is {options.Retention}).");
        if (options.RateLimitPerMinute < 0)
            failures.Add($"TextLine:RateLimitPerMinute is a number of texts, 0 for no limit (it is {options.RateLimitPerMinute}).");
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone ?? "", out _))
        {
            failures.Add($"TextLine:TimeZone '{options.TimeZone}' is not a time zone this machine knows: use an IANA id such as America/Chicago.");
        }
        if (FlowsPathProblem(options.FlowsPath) is { } flowsPath) failures.Add(flowsPath);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private string? FlowsPathProblem(string? path)
    {
        const string WhatItIs = "the folder of flow files, e.g. flows";
        if (string.IsNullOrWhiteSpace(path)) return $"TextLine:FlowsPath must name {WhatItIs}.";
        if (!IsPath(path)) return $"TextLine:FlowsPath must name {WhatItIs} (it holds a character no path can).";
        var folder = appRoot.Resolve(path);
        // A flow file given for its folder was "folder not found", of a file that is there.
        if (File.Exists(folder)) return $"TextLine:FlowsPath names the file {folder}, not a folder: set it to {WhatItIs}, the folder it is in.";
        if (!Directory.Exists(folder)) return $"TextLine:FlowsPath: folder not found ({folder}): set it to {WhatItIs}.";
        return Directory.EnumerateFiles(folder, "*.yaml").Any() ? null : $"TextLine:FlowsPath: no flow files in {folder}: set it to {WhatItIs}.";
    }
}
