using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace Wisp.Xrpc.Secrets.Storage;

/// <summary>
/// Keeps the secrets' Data Protection key ring in PostgreSQL, beside the secrets, so that every app instance on
/// the database shares one key ring: what one instance encrypts, another decrypts.
/// </summary>
public sealed class PostgresXmlRepository(NpgsqlDataSource dataSource) : IXmlRepository
{
    private volatile bool _schemaReady;

    /// <inheritdoc />
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        EnsureSchema();
        using var command = dataSource.CreateCommand("SELECT xml FROM wisp_data_protection_keys");
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return elements;
    }

    /// <inheritdoc />
    public void StoreElement(XElement element, string friendlyName)
    {
        EnsureSchema();
        using var command = dataSource.CreateCommand(
            "INSERT INTO wisp_data_protection_keys (friendly_name, xml) VALUES ($1, $2) ON CONFLICT (friendly_name) DO UPDATE SET xml = EXCLUDED.xml");
        command.Parameters.AddWithValue(friendlyName);
        command.Parameters.AddWithValue(element.ToString(SaveOptions.DisableFormatting));
        command.ExecuteNonQuery();
    }

    // Data Protection calls the repository synchronously; schema creation is idempotent and serialized by an advisory lock.
    private void EnsureSchema()
    {
        if (!_schemaReady)
        {
            PostgresSecretStore.CreateSchemaAsync(dataSource).GetAwaiter().GetResult();
            _schemaReady = true;
        }
    }
}
