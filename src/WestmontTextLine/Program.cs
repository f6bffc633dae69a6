using WestmontTextLine.Health;
using WestmontTextLine.Hosting;
using WestmontTextLine.Sms;

var builder = WebApplication.CreateBuilder(args);
builder.AddTextLine();

var app = builder.Build();
app.UseTextLine();
app.MapSms();
app.MapHealth();
app.Run();

public partial class Program;
