using Microsoft.AspNetCore.DataProtection;

namespace Wisp.Xrpc.Secrets;

/// <summary>Where and how the durable secret stores keep secrets and their encryption keys.</summary>
public sealed class WispSecretStoreOptions
{
    /// <summary>The SQLite file of the default store. Default: <c>App_Data/wisp-secrets.db</c> under the content root.</summary>
    public string? SqlitePath { get; set; }

    /// <summary>
    /// The folder of the SQLite store's key ring (Data Protection XML keys). Default: <c>App_Data/wisp-keys</c>
    /// under the content root. Back it up with the database: without its keys the tokens cannot be decrypted.
    /// </summary>
    public string? KeyRingPath { get; set; }

    /// <summary>
    /// More setup of the secrets' own Data Protection key ring, e.g. <c>b => b.ProtectKeysWithCertificate(cert)</c>
    /// to encrypt the keys at rest, or <c>SetDefaultKeyLifetime</c>.
    /// </summary>
    public Action<IDataProtectionBuilder>? ConfigureKeyRing { get; set; }
}
