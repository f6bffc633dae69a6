using Microsoft.Extensions.Options;

namespace WestmontTextLine.Settings;

/// <summary>
/// What reading a settings section throws when its settings are wrong: a validator refused them, or a value could not
/// be read at all (<see cref="UnreadableSetting"/>). `check` and the settings check read a section for what it says
/// (the flows folder, the provider line, the warnings) and, on these, leave that out: the section's errors say why.
/// </summary>
public static class WrongSettings
{
    public static bool Threw(Exception exception) => exception is OptionsValidationException || UnreadableSetting.Is(exception);
}
