using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Wisp.Xrpc.Secrets;

/// <summary>
/// The secrets' own Data Protection key ring, kept apart from the app's (cookies, antiforgery): its application
/// name is fixed, so instances with different content roots share it, and it rotates on its own schedule.
/// Retired keys stay in the ring and keep decrypting what they encrypted.
/// </summary>
internal sealed class SecretKeyRing : IDisposable
{
    private readonly ServiceProvider _services;

    private SecretKeyRing(ServiceProvider services)
    {
        _services = services;
        Protector = new SecretProtector(services.GetRequiredService<IDataProtectionProvider>());
    }

    public SecretProtector Protector { get; }

    public static SecretKeyRing InDirectory(string directory, ILoggerFactory loggerFactory, Action<IDataProtectionBuilder>? configure) =>
        Create(builder => builder.PersistKeysToFileSystem(Directory.CreateDirectory(directory)), loggerFactory, configure);

    public static SecretKeyRing InRepository(IXmlRepository repository, ILoggerFactory loggerFactory, Action<IDataProtectionBuilder>? configure) =>
        Create(builder => builder.Services.Configure<KeyManagementOptions>(o => o.XmlRepository = repository), loggerFactory, configure);

    public void Dispose() => _services.Dispose();

    private static SecretKeyRing Create(Action<IDataProtectionBuilder> persist, ILoggerFactory loggerFactory, Action<IDataProtectionBuilder>? configure)
    {
        var services = new ServiceCollection();
        services.AddSingleton(loggerFactory);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        var builder = services.AddDataProtection().SetApplicationName(SecretProtector.ApplicationName);
        persist(builder);
        configure?.Invoke(builder);
        return new SecretKeyRing(services.BuildServiceProvider());
    }
}
