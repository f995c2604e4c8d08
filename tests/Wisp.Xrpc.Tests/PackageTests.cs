using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Wisp.Xrpc.Tests;

/// <summary>
/// The packages as a user takes them: pack them, reference them from a fresh web project through a local feed,
/// build that project (its own lexicons ref the prebuilt atproto ones), run it and call secret.create and a method
/// it serves from the prebuilt lexicons.
/// </summary>
public sealed class PackageTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("wisp-package-test-").FullName;

    [Fact]
    public async Task The_packed_package_serves_secret_create_in_a_fresh_web_project()
    {
        var root = RepositoryRoot();
        var version = $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}";
        var feed = Path.Combine(_work, "feed");
        await RunAsync("dotnet", ["pack", Path.Combine(root, "src", "Wisp.Xrpc", "Wisp.Xrpc.csproj"), "-c", "Release", "-o", feed, $"-p:Version={version}"], root);

        var package = Path.Combine(feed, $"Wisp.Xrpc.Generators.{version}.nupkg");
        using (var zip = ZipFile.OpenRead(package))
        {
            var entries = zip.Entries.Select(e => e.FullName).ToHashSet();
            Assert.Contains("analyzers/dotnet/cs/Wisp.Xrpc.Generators.dll", entries);
            Assert.Contains("lib/net10.0/Wisp.Xrpc.dll", entries);
            Assert.Contains("lib/net10.0/Wisp.Xrpc.xml", entries);
            Assert.Contains("buildTransitive/Wisp.Xrpc.Generators.props", entries);
            Assert.Contains("buildTransitive/Wisp.Xrpc.Generators.targets", entries);
            Assert.DoesNotContain(entries, e => e.StartsWith("lib/netstandard2.0", StringComparison.Ordinal));

            // The embedded SQLite store comes with it; PostgreSQL does not (it is Wisp.Xrpc.Secrets.PostgreSql).
            var nuspec = Nuspec(zip);
            Assert.Contains("\"Microsoft.Data.Sqlite\"", nuspec, StringComparison.Ordinal);
            Assert.DoesNotContain("Npgsql", nuspec, StringComparison.Ordinal);
        }

        await RunAsync("dotnet", ["pack", Path.Combine(root, "src", "Wisp.Xrpc.Secrets.PostgreSql", "Wisp.Xrpc.Secrets.PostgreSql.csproj"), "-c", "Release", "-o", feed, $"-p:Version={version}"], root);
        using (var zip = ZipFile.OpenRead(Path.Combine(feed, $"Wisp.Xrpc.Secrets.PostgreSql.{version}.nupkg")))
        {
            Assert.Contains("lib/net10.0/Wisp.Xrpc.Secrets.PostgreSql.dll", zip.Entries.Select(e => e.FullName));
            var nuspec = Nuspec(zip);
            Assert.Contains("\"Npgsql\"", nuspec, StringComparison.Ordinal);
            Assert.Contains($"id=\"Wisp.Xrpc.Generators\" version=\"{version}\"", nuspec, StringComparison.Ordinal);
        }

        await RunAsync("dotnet", ["pack", Path.Combine(root, "src", "Wisp.Xrpc.Lexicons.Atproto", "Wisp.Xrpc.Lexicons.Atproto.csproj"), "-c", "Release", "-o", feed, $"-p:Version={version}"], root);
        using (var zip = ZipFile.OpenRead(Path.Combine(feed, $"Wisp.Xrpc.Lexicons.Atproto.{version}.nupkg")))
        {
            var entries = zip.Entries.Select(e => e.FullName).ToHashSet();
            Assert.Contains("lib/net10.0/Wisp.Xrpc.Lexicons.Atproto.dll", entries);
            Assert.Contains("lib/net10.0/Wisp.Xrpc.Lexicons.Atproto.xml", entries);
            Assert.Contains("LICENSE-MIT.txt", entries);
            Assert.Contains("LICENSE-APACHE.txt", entries);
            Assert.Contains("UPSTREAM.md", entries);
            Assert.DoesNotContain(entries, e => e.EndsWith(".json", StringComparison.Ordinal)); // compiled in, not shipped as files
            Assert.DoesNotContain(entries, e => e.StartsWith("analyzers/", StringComparison.Ordinal)); // the generator comes with Wisp.Xrpc.Generators
            Assert.Contains($"id=\"Wisp.Xrpc.Generators\" version=\"{version}\"", Nuspec(zip), StringComparison.Ordinal);
        }

        await RunAsync("dotnet", ["pack", Path.Combine(root, "src", "Wisp.Xrpc.Resilience", "Wisp.Xrpc.Resilience.csproj"), "-c", "Release", "-o", feed, $"-p:Version={version}"], root);
        using (var zip = ZipFile.OpenRead(Path.Combine(feed, $"Wisp.Xrpc.Resilience.{version}.nupkg")))
        {
            Assert.Contains("lib/net10.0/Wisp.Xrpc.Resilience.dll", zip.Entries.Select(e => e.FullName));
            var nuspec = Nuspec(zip);
            Assert.Contains("\"Microsoft.Extensions.Http.Resilience\"", nuspec, StringComparison.Ordinal);
            Assert.Contains($"id=\"Wisp.Xrpc.Generators\" version=\"{version}\"", nuspec, StringComparison.Ordinal);
        }

        await RunAsync("dotnet", ["pack", Path.Combine(root, "src", "Wisp.Xrpc.EventLog.PostgreSql", "Wisp.Xrpc.EventLog.PostgreSql.csproj"), "-c", "Release", "-o", feed, $"-p:Version={version}"], root);
        using (var zip = ZipFile.OpenRead(Path.Combine(feed, $"Wisp.Xrpc.EventLog.PostgreSql.{version}.nupkg")))
        {
            Assert.Contains("lib/net10.0/Wisp.Xrpc.EventLog.PostgreSql.dll", zip.Entries.Select(e => e.FullName));
            var nuspec = Nuspec(zip);
            Assert.Contains("\"Npgsql\"", nuspec, StringComparison.Ordinal);
            Assert.Contains($"id=\"Wisp.Xrpc.Generators\" version=\"{version}\"", nuspec, StringComparison.Ordinal);
        }

        var app = Path.Combine(_work, "app");
        Directory.CreateDirectory(Path.Combine(app, "lexicons"));
        File.Copy(Path.Combine(root, "lexicons", "place.wisp.v2.secret.create.json"), Path.Combine(app, "lexicons", "place.wisp.v2.secret.create.json"));
        // A lexicon of the app's own that refs the prebuilt ones: no atproto file is copied.
        File.WriteAllText(Path.Combine(app, "lexicons", "com.example.app.bookmark.json"), """
            {"lexicon": 1, "id": "com.example.app.bookmark", "defs": {"main": {"type": "record", "key": "tid", "record": {"type": "object",
              "required": ["subject", "createdAt"],
              "properties": {"subject": {"type": "ref", "ref": "com.atproto.repo.strongRef"},
                             "facets": {"type": "array", "items": {"type": "ref", "ref": "app.bsky.richtext.facet"}},
                             "createdAt": {"type": "string", "format": "datetime"}}}}}}
            """);
        // Our package from the local feed only; its dependencies (Microsoft.Data.Sqlite) from nuget.org,
        // read from this machine's package folder when they are there already.
        var globalPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="local"><package pattern="Wisp.Xrpc.Generators" /><package pattern="Wisp.Xrpc.Lexicons.Atproto" /><package pattern="Wisp.Xrpc.Resilience" /></packageSource>
                <packageSource key="nuget.org"><package pattern="*" /></packageSource>
              </packageSourceMapping>
              <fallbackPackageFolders>
                <add key="machine" value="{globalPackages}" />
              </fallbackPackageFolders>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(app, "App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Wisp.Xrpc.Generators" Version="{version}" />
                <PackageReference Include="Wisp.Xrpc.Lexicons.Atproto" Version="{version}" />
                <PackageReference Include="Wisp.Xrpc.Resilience" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using Wisp.Xrpc;
            using Wisp.Xrpc.Authentication;
            using Wisp.Xrpc.Lexicons.App.Bsky.Feed;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddWispXrpc();
            builder.Services.AddAuthentication(DevelopmentDidAuthenticationHandler.SchemeName).AddWispDevelopmentDid(builder.Environment);
            builder.Services.AddXrpcHandler<DescribeFeedGenerator.IHandler, Describe>();
            // The package's client, calling this app itself through IHttpClientFactory with the XRPC retries.
            builder.Services.AddXrpcClient("self", o => o.BaseAddress = new Uri(builder.Configuration["urls"]!)).AddXrpcResilienceHandler();
            var app = builder.Build();
            app.MapWispXrpc();
            app.MapXrpcMethods(DescribeFeedGenerator.Endpoint);
            app.MapGet("/self-described", async (Wisp.Xrpc.Client.IXrpcClientFactory clients) =>
                (await DescribeFeedGenerator.CallAsync(clients.CreateClient("self"))).Did);
            app.Run();

            sealed class Describe : DescribeFeedGenerator.IHandler
            {
                public ValueTask<DescribeFeedGenerator.Output> HandleAsync(XrpcCallContext context)
                {
                    // The app's record holds the package's StrongRef.
                    var bookmark = new App.Lexicons.Com.Example.App.Bookmark.Main
                    {
                        Subject = new Wisp.Xrpc.Lexicons.Com.Atproto.Repo.StrongRef.Main { Uri = "at://did:plc:x/app.bsky.feed.post/1", Cid = "bafyreidfayvfuwqa7qlnopdjiqrxzs6blmoeu4rujcjtnci5beludirz2a" },
                        CreatedAt = "2026-12-01T00:00:00.000Z",
                    };
                    return ValueTask.FromResult(new DescribeFeedGenerator.Output { Did = "did:web:feeds.example.com", Feeds = [new() { Uri = bookmark.Subject.Uri }] });
                }
            }
            """);

        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_work, "packages") };
        await RunAsync("dotnet", ["build", "-c", "Release"], app, environment);
        Assert.False(File.Exists(Path.Combine(app, "bin", "Release", "net10.0", "lexicons", "place.wisp.v2.secret.create.json")), "lexicons must not be copied to the output");

        var port = ChildProcesses.FreePort();
        using var server = Start("dotnet", [Path.Combine("bin", "Release", "net10.0", "App.dll"), "--urls", $"http://127.0.0.1:{port}"], app, new() { ["ASPNETCORE_ENVIRONMENT"] = "Development" });
        var serverOutput = new StringBuilder();
        server.OutputDataReceived += (_, e) => { lock (serverOutput) { serverOutput.AppendLine(e.Data); } };
        server.ErrorDataReceived += (_, e) => { lock (serverOutput) { serverOutput.AppendLine(e.Data); } };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            await CallTheAppAsync(port, server, serverOutput);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
        }
    }

    private static async Task CallTheAppAsync(int port, Process server, StringBuilder serverOutput)
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        await ChildProcesses.WaitUntilListeningAsync(client, server, () => { lock (serverOutput) { return serverOutput.ToString(); } });

        var request = new HttpRequestMessage(HttpMethod.Post, "/xrpc/place.wisp.v2.secret.create")
        {
            Content = new StringContent("""{"name":"from-package"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("DevDid", "did:plc:packaged");
        var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var json = JsonDocument.Parse(body);
        Assert.StartsWith("wsk_", json.RootElement.GetProperty("token").GetString(), StringComparison.Ordinal);

        var wrongVerb = await client.GetAsync("/xrpc/place.wisp.v2.secret.create");
        Assert.Equal(HttpStatusCode.BadRequest, wrongVerb.StatusCode);

        // A method of the prebuilt package, mapped by name; the package's others are not served.
        var described = await client.GetAsync("/xrpc/app.bsky.feed.describeFeedGenerator");
        var describedBody = await described.Content.ReadAsStringAsync();
        Assert.True(described.StatusCode == HttpStatusCode.OK, describedBody);
        Assert.Contains("\"uri\":\"at://did:plc:x/app.bsky.feed.post/1\"", describedBody, StringComparison.Ordinal);
        var notMapped = await client.GetAsync("/xrpc/app.bsky.feed.getFeedSkeleton?feed=at://did:plc:x/app.bsky.feed.generator/y");
        Assert.Equal(HttpStatusCode.NotImplemented, notMapped.StatusCode);

        // The prebuilt package's CallAsync, through the app's registered client.
        Assert.Equal("did:web:feeds.example.com", await client.GetStringAsync("/self-described"));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing a test over.
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Wisp.Xrpc.Generators.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Wisp.Xrpc.Generators.sln not found above " + AppContext.BaseDirectory);
    }

    private static async Task RunAsync(string file, string[] arguments, string directory, Dictionary<string, string>? environment = null)
    {
        using var process = Start(file, arguments, directory, environment ?? []);
        var output = new StringBuilder();
        var reading = Task.WhenAll(
            Task.Run(async () => output.Append(await process.StandardOutput.ReadToEndAsync())),
            Task.Run(async () => output.Append(await process.StandardError.ReadToEndAsync())));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync(timeout.Token);
        await reading;
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', arguments)} failed with {process.ExitCode}:\n{output}");
    }

    private static Process Start(string file, string[] arguments, string directory, Dictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // The test runner's MSBuild settings must not leak into the child builds.
        foreach (var name in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "VSTEST_HOST_DEBUG" })
        {
            info.Environment.Remove(name);
        }

        // No build servers or reused MSBuild nodes: they would outlive the build holding its output pipes open.
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        info.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        info.Environment["UseSharedCompilation"] = "false";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        return Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}");
    }

    private static string Nuspec(ZipArchive zip)
    {
        using var reader = new StreamReader(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        return reader.ReadToEnd();
    }
}
