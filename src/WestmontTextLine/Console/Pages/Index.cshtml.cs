using Microsoft.AspNetCore.Mvc.RazorPages;

namespace WestmontTextLine.Console.Pages;

public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
