using System.Text;

namespace Wisp.Xrpc.Secrets;

/// <summary>A named webhook signing secret of one account.</summary>
/// <param name="OwnerDid">The DID of the account that owns it.</param>
/// <param name="Name">Its name, unique per owner (case-sensitive).</param>
/// <param name="Token">The signing token. Never logged: <see cref="ToString"/> leaves it out.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="LastRotatedAt">When its token was last replaced, if ever.</param>
public sealed record WebhookSecret(
    string OwnerDid,
    string Name,
    string Token,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastRotatedAt = null)
{
    // Records print every property; this one must never print its token.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("OwnerDid = ").Append(OwnerDid)
            .Append(", Name = ").Append(Name)
            .Append(", Token = (redacted), CreatedAt = ").Append(LexiconDatetime.Format(CreatedAt));
        if (LastRotatedAt is { } rotated)
        {
            builder.Append(", LastRotatedAt = ").Append(LexiconDatetime.Format(rotated));
        }

        return true;
    }
}

/// <summary>What a listing shows of a secret: everything but its token (<see cref="ISecretStore.ListAsync"/>).</summary>
/// <param name="OwnerDid">The DID of the account that owns it.</param>
/// <param name="Name">Its name.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="LastRotatedAt">When its token was last replaced, if ever.</param>
public sealed record WebhookSecretInfo(string OwnerDid, string Name, DateTimeOffset CreatedAt, DateTimeOffset? LastRotatedAt = null);
