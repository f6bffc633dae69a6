using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Console.Accounts;
using WestmontTextLine.Tests.Console.Accounts;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Console;

/// <summary>
/// A browser without a browser: one person's visits to the console over HTTPS on the test server, keeping its
/// cookies itself (so a test can copy them, as a thief would), following no redirect on its own, and filling each
/// form's antiforgery token the way the page gave it. Second-factor codes are computed from the enrolment secret at
/// the factory's fake clock.
/// </summary>
public sealed partial class ConsoleClient(TextLineFactory factory, HttpClient http) : IDisposable
{
    public const string Root = "/console";

    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public static ConsoleClient For(TextLineFactory factory) => new(factory, Http(factory));

    /// <summary>A person at this address: every request names it, for a factory whose services include <see cref="TestRemoteAddress"/>.</summary>
    public static ConsoleClient At(TextLineFactory factory, string remoteAddress)
    {
        var http = Http(factory);
        http.DefaultRequestHeaders.Add(TestRemoteAddress.Header, remoteAddress);
        return new(factory, http);
    }

    private static HttpClient Http(TextLineFactory factory) => factory.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://localhost"),
        AllowAutoRedirect = false,
        HandleCookies = false,
    });

    public IReadOnlyDictionary<string, string> Cookies => _cookies;

    /// <summary>The raw Set-Cookie headers of the last answer, to check their attributes.</summary>
    public IReadOnlyList<string> LastSetCookies { get; private set; } = [];

    public string? Secret { get; private set; }

    public TextLineFactory Factory => factory;

    /// <summary>Another client holding this one's cookies now (a copied, stolen session), on this app or another instance.</summary>
    public ConsoleClient CopyCookies(TextLineFactory? on = null)
    {
        var copy = For(on ?? factory);
        foreach (var (name, value) in _cookies) copy._cookies[name] = value;
        return copy;
    }

    /// <summary>This client with a cookie of its own making (a forged one, say), sent with every later request.</summary>
    public ConsoleClient WithCookie(string name, string value)
    {
        _cookies[name] = value;
        return this;
    }

    /// <summary>
    /// The cookies another client's last answer set, taken as this browser takes those of an answer that comes late: a
    /// request sent with <see cref="CopyCookies"/> made earlier, answered after this client's later ones.
    /// </summary>
    public void TakeCookiesSetBy(ConsoleClient answered)
    {
        foreach (var setCookie in answered.LastSetCookies) Keep(setCookie);
    }

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Get, Url(path)));

    /// <summary>
    /// A GET with extra headers (Accept: text/event-stream, the console's refresh marker), answered as soon as its
    /// headers arrive, so that a test can read a stream as it comes.
    /// </summary>
    public Task<HttpResponseMessage> GetStreamingAsync(string path, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Url(path));
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    public async Task<string> GetPageAsync(string path)
    {
        using var response = await GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {response.Headers.Location}");
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Posts a form from the page at <paramref name="path"/>, with the antiforgery token that page gave.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, string? handler = null)
    {
        var token = AntiforgeryTokenIn(await GetPageAsync(path));
        return await PostWithoutTokenAsync(path, [.. fields, new("__RequestVerificationToken", token)], handler);
    }

    /// <summary>The antiforgery token a page's form carries, to post it later (after the store went down, say).</summary>
    public static string AntiforgeryTokenIn(string page)
    {
        var token = TokenPattern().Match(page);
        Assert.True(token.Success, "the page has no antiforgery token");
        return WebUtility.HtmlDecode(token.Groups[1].Value);
    }

    /// <summary>The id a conversation page's reply form carries (the same form posted twice sends one text).</summary>
    public static string ReplyIdIn(string page)
    {
        var match = ReplyIdPattern().Match(page);
        Assert.True(match.Success, "the page's reply form has no ReplyId");
        return match.Groups[1].Value;
    }

    public Task<HttpResponseMessage> PostWithoutTokenAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, string? handler = null)
    {
        var url = Url(path) + (handler is null ? "" : $"?handler={handler}");
        return SendAsync(new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) });
    }

    /// <summary>The first sign-in of a new account: password, then enrolment with the secret the page shows.</summary>
    public async Task EnrolAsync(string name, string password)
    {
        using var signedIn = await PostFormAsync("/SignIn", [new("UserName", name), new("Password", password)]);
        Assert.Equal(Url("/Enrol"), Where(signedIn));
        var page = await GetPageAsync("/Enrol");
        Secret = SecretPattern().Match(page).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(Secret), "the enrolment page shows no secret");
        using var enrolled = await PostFormAsync("/Enrol", [new("Code", TotpCodes.At(Secret, factory.Clock.GetUtcNow()))]);
        Assert.Equal(HttpStatusCode.OK, enrolled.StatusCode);
        RecoveryCodes = [.. RecoveryCodePattern().Matches(await enrolled.Content.ReadAsStringAsync()).Select(match => match.Groups[1].Value)];
        Assert.Equal(10, RecoveryCodes.Count);
    }

    /// <summary>The recovery codes the enrolment's answer showed.</summary>
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    /// <summary>A later sign-in: password, then the authenticator's code (a new 30-second step, since a code works once).</summary>
    public async Task<HttpResponseMessage> SignInAsync(string name, string password, string secret)
    {
        Secret = secret;
        using var signedIn = await PostFormAsync("/SignIn", [new("UserName", name), new("Password", password)]);
        Assert.Equal(Url("/SignInCode"), Where(signedIn));
        factory.Clock.Advance(TimeSpan.FromSeconds(30));
        return await PostFormAsync("/SignInCode", [new("Code", TotpCodes.At(secret, factory.Clock.GetUtcNow()))]);
    }

    public static string Url(string path) => Root + path;

    /// <summary>Where a redirect sends the browser, as a path and query (the cookie handler's are absolute URLs).</summary>
    public static string? Where(HttpResponseMessage response) => response.Headers.Location is not { } location ? null
        : location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        if (_cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(cookie => $"{cookie.Key}={cookie.Value}")));
        var response = await http.SendAsync(request, completion);
        LastSetCookies = response.Headers.TryGetValues("Set-Cookie", out var setCookies) ? [.. setCookies] : [];
        foreach (var setCookie in LastSetCookies) Keep(setCookie);
        return response;
    }

    private void Keep(string setCookie)
    {
        var pair = setCookie.Split(';', 2)[0];
        var equals = pair.IndexOf('=');
        var (name, value) = (pair[..equals], pair[(equals + 1)..]);
        if (value.Length == 0 || setCookie.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase)) _cookies.Remove(name);
        else _cookies[name] = value;
    }

    public void Dispose() => http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("name=\"ReplyId\" value=\"([0-9a-f]{32})\"")]
    private static partial Regex ReplyIdPattern();

    [GeneratedRegex("<code id=\"secret\">([A-Z2-7]+)</code>")]
    private static partial Regex SecretPattern();

    [GeneratedRegex("<li>([A-Z0-9]{5}-[A-Z0-9]{5})</li>")]
    private static partial Regex RecoveryCodePattern();
}

/// <summary>Accounts made as `staff add` makes them, on a factory's own services.</summary>
public static class ConsoleAccounts
{
    public const string Password = "plum orchard lantern 42";

    public static async Task AddStaffAsync(this TextLineFactory factory, string name, string role = StaffRoles.Staff, string password = Password)
    {
        using var scope = factory.Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().AddAsync(name, role, password, "cli");
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(error => error.Description)));
    }

    /// <summary>An account that has set up its second factor, and a client signed in with it.</summary>
    public static async Task<ConsoleClient> SignedInAsync(this TextLineFactory factory, string name, string role = StaffRoles.Staff)
    {
        await factory.AddStaffAsync(name, role);
        var client = ConsoleClient.For(factory);
        await client.EnrolAsync(name, Password);
        return client;
    }
}
