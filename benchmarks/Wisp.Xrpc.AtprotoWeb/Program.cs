var builder = WebApplication.CreateSlimBuilder(args);
builder.Services.AddWispXrpc();

var app = builder.Build();
app.MapWispXrpc();
app.Run();
