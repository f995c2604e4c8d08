namespace Wisp.Xrpc.Secrets;

/// <summary>
/// The secret store cannot be used safely: the database is unreachable, or the encryption keys are missing or
/// cannot decrypt what is stored. Operations fail closed; the XRPC runtime answers 503 <c>ServiceUnavailable</c>
/// and logs this exception. Its message never contains a token.
/// </summary>
public sealed class SecretStoreUnavailableException(string message, Exception? innerException = null)
    : Exception(message, innerException);
