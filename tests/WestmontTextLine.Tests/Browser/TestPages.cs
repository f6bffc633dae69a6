namespace WestmontTextLine.Tests.Browser;

/// <summary>Small pages for proving the browser chain before the console exists.</summary>
public static class TestPages
{
    public const string AccessibleTitle = "Westmont browser check";

    private const string Pixel = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7";

    public static readonly string Accessible = $"""
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><title>{AccessibleTitle}</title></head>
        <body>
          <main>
            <h1>Browser check</h1>
            <img src="{Pixel}" alt="A blank square">
            <form>
              <label for="name">Name</label> <input id="name" name="name">
              <button type="submit">Send</button>
            </form>
          </main>
        </body>
        </html>
        """;

    /// <summary>Two faults axe-core rates critical: an image with no text alternative, a field with no label.</summary>
    public static readonly string Inaccessible = $"""
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><title>Westmont broken page</title></head>
        <body>
          <main>
            <h1>Broken page</h1>
            <img id="no-alt" src="{Pixel}">
            <form><input id="no-label" name="q"> <button type="submit">Search</button></form>
          </main>
        </body>
        </html>
        """;

    /// <summary>
    /// The vendored mermaid.min.js rendering a diagram as the console will: no inline script (the console's
    /// Content-Security-Policy forbids it), and any policy violation written on the page for the test to read.
    /// </summary>
    public const string Mermaid = """
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8"><title>Mermaid check</title>
          <script src="/lib/mermaid.min.js"></script>
          <script src="/render.js" defer></script>
        </head>
        <body>
          <main>
            <h1>Menu</h1>
            <pre class="mermaid" id="graph">flowchart TD
          Start[Welcome] --> Help[Get help now]
          Start --> Talk[Talk to someone]</pre>
          </main>
        </body>
        </html>
        """;

    public const string RenderMermaid = """
        document.body.dataset.violations = '';
        document.addEventListener('securitypolicyviolation', e => {
          document.body.dataset.violations += e.effectiveDirective + ' ' + e.blockedURI + ' ' + (e.sample || '').slice(0, 40) + '; ';
        });
        mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
        mermaid.run({ querySelector: '#graph' }).then(
          () => { document.body.dataset.rendered = 'yes'; },
          error => { document.body.dataset.rendered = 'error: ' + error; });
        """;
}
