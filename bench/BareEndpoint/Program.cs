// The bare reference endpoint: POST /sms reads the form and answers a constant TwiML reply. Nothing else:
// no signature check, no session, no engine. The default minimal-API template: WebApplication.CreateBuilder.
const string Reply =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>Westmont Text Line. Reply with a number:\n" +
    "1 The law and police\n2 Staying safe\n3 Health and testing\n4 Getting out\n5 Trafficking signs\n" +
    "6 Food and housing\n7 Addiction and mental health\nMENU to start over. STOP to end.</Message></Response>";

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

app.MapPost("/sms", async (HttpRequest request) =>
{
    await request.ReadFormAsync();
    return Results.Text(Reply, "text/xml; charset=utf-8");
});

app.Run();
