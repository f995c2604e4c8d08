using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace Wisp.Xrpc.Secrets;

/// <summary>
/// Encrypts tokens at rest with ASP.NET Core Data Protection (authenticated encryption, a key ring with automatic
/// rotation whose retired keys still decrypt). Each token is bound to its owner DID and name through the protector
/// purposes, so a ciphertext copied to another row does not decrypt.
/// </summary>
/// <remarks>
/// The store's key ring is its own (application name <see cref="ApplicationName"/>), separate from the app's
/// cookie keys, so that every instance sharing a database decrypts what another wrote regardless of its content root.
/// </remarks>
public sealed class SecretProtector(IDataProtectionProvider provider)
{
    /// <summary>The Data Protection application name of the secrets key ring.</summary>
    public const string ApplicationName = "Wisp.Xrpc.Secrets";

    private const string TokenPurpose = "Wisp.Xrpc.Secrets.Token.v1";
    private const string CanaryPurpose = "Wisp.Xrpc.Secrets.Canary.v1";
    private const string CanaryText = "wisp-xrpc-secret-store";

    /// <summary>Encrypts <paramref name="token"/> for the secret (<paramref name="ownerDid"/>, <paramref name="name"/>).</summary>
    public byte[] Protect(string ownerDid, string name, string token) =>
        provider.CreateProtector(TokenPurpose, ownerDid, name).Protect(Encoding.UTF8.GetBytes(token));

    /// <summary>Decrypts a token; fails closed with <see cref="SecretStoreUnavailableException"/> when the keys cannot.</summary>
    public string Unprotect(string ownerDid, string name, byte[] protectedToken)
    {
        try
        {
            return Encoding.UTF8.GetString(provider.CreateProtector(TokenPurpose, ownerDid, name).Unprotect(protectedToken));
        }
        catch (CryptographicException e)
        {
            throw new SecretStoreUnavailableException(
                $"The secret '{name}' of {ownerDid} cannot be decrypted: the Data Protection key ring is missing the key it was encrypted with, or is the wrong one.", e);
        }
    }

    /// <summary>A value written once per store, to check at start that the key ring can read the store.</summary>
    public byte[] NewCanary() => provider.CreateProtector(CanaryPurpose).Protect(Encoding.UTF8.GetBytes(CanaryText));

    /// <summary>Fails closed when the key ring cannot decrypt the store's canary.</summary>
    public void VerifyCanary(byte[] canary)
    {
        try
        {
            if (Encoding.UTF8.GetString(provider.CreateProtector(CanaryPurpose).Unprotect(canary)) == CanaryText)
            {
                return;
            }
        }
        catch (CryptographicException e)
        {
            throw new SecretStoreUnavailableException(
                "The Data Protection key ring cannot decrypt this secret store (keys missing or wrong): refusing to read or write secrets.", e);
        }

        throw new SecretStoreUnavailableException("The secret store's canary does not match: refusing to read or write secrets.");
    }
}
