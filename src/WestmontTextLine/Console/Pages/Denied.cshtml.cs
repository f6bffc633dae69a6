using Microsoft.AspNetCore.Mvc.RazorPages;

namespace WestmontTextLine.Console.Pages;

public sealed class DeniedModel : PageModel
{
    public void OnGet()
    {
    }
}
