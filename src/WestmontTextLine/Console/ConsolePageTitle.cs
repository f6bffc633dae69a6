namespace WestmontTextLine.Console;

/// <summary>
/// A console page shown again with what went wrong (a wrong password, a name already taken, a reply refused) starts
/// its title with "Error: ". A screen reader reads the title first as a page loads; it said "Sign in" or "Staff
/// accounts" as if nothing had happened. A page says so with <c>ViewData[ConsolePageTitle.Error] = true</c>.
/// </summary>
public static class ConsolePageTitle
{
    public const string Error = "TitleError";
    public const string ErrorPrefix = "Error: ";
}
