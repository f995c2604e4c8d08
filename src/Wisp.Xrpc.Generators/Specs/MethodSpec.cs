using Wisp.Xrpc.Generators.Model;

namespace Wisp.Xrpc.Generators.Specs;

/// <summary>A query or procedure: everything the lexicon's class declares for it, and its endpoint.</summary>
/// <param name="Handler">The parameters of <c>IHandler.HandleAsync</c> and its return, decided by what the lexicon declares.</param>
internal sealed record MethodSpec(
    XrpcMethodKind Kind,
    string? Description,
    bool RequiresAuthentication,
    BodySpec? Input,
    BodySpec? Output,
    ParamsSpec? Parameters,
    EquatableArray<ErrorSpec> Errors,
    BuiltInHandlerSpec? BuiltInHandler,
    EndpointSpec Endpoint) : MemberSpec;

/// <summary>An input or output body. <paramref name="Schema"/> is set when the lexicon writes the object in place (the <c>Input</c>/<c>Output</c> class).</summary>
/// <param name="TypeName">The body's C# type: the schema's class, the object a ref names, or <c>XrpcBlob</c> for a raw body.</param>
internal sealed record BodySpec(string Encoding, bool IsRaw, string TypeName, ObjectSpec? Schema);

/// <summary>Query-string parameters, as a <c>Params</c> class.</summary>
internal sealed record ParamsSpec(string FullName, string Summary, EquatableArray<PropertySpec> Properties);

/// <summary>A declared error, the factory method that makes it and the method that tests an <c>XrpcException</c> for it.</summary>
internal sealed record ErrorSpec(string Error, string MethodName, string TestName, string Summary);

/// <summary>An event stream: its parameters, its message union, its errors and, when it has a message union, its WebSocket endpoint.</summary>
/// <param name="CursorProperty">The C# name of the integer <c>cursor</c> parameter a consumer resumes from, when there is one.</param>
internal sealed record SubscriptionSpec(
    ParamsSpec? Parameters,
    UnionSpec? Message,
    EquatableArray<ErrorSpec> Errors,
    string? Description,
    bool RequiresAuthentication,
    string? CursorProperty,
    EndpointSpec? Endpoint) : MemberSpec;

/// <summary>The built-in handlers the package ships (see <c>Binding/BuiltInHandlers</c>).</summary>
internal enum BuiltInMethod
{
    SecretCreate,
    SecretRotate,
    SecretDelete,
    SecretList,
}

/// <summary>A built-in handler, with the C# names of the members it reads and sets.</summary>
/// <param name="InputToken">rotate: the optional caller-supplied token, or null when the lexicon has none.</param>
/// <param name="OutputMembers">The output's members, in the order the handler sets them.</param>
/// <param name="ItemType">list: the listed object's class.</param>
/// <param name="ItemMembers">list: the listed object's name, createdAt and lastRotatedAt members.</param>
internal sealed record BuiltInHandlerSpec(
    BuiltInMethod Method,
    string? InputName,
    string? InputToken,
    EquatableArray<string> OutputMembers,
    string? ItemType = null,
    EquatableArray<string> ItemMembers = default);

/// <summary>What a method's <c>Endpoint</c> and the endpoint mapping need of it.</summary>
/// <param name="ClassName">The lexicon's class, fully qualified.</param>
/// <param name="ParamsType">The <c>Params</c> class, or <c>XrpcEmpty</c>.</param>
/// <param name="InputType">The input's C# type, or <c>XrpcEmpty</c>.</param>
/// <param name="OutputType">The output's C# type, or <c>XrpcEmpty</c>.</param>
internal sealed record EndpointSpec(
    string Nsid,
    string ClassName,
    XrpcMethodKind Kind,
    string ParamsType,
    string InputType,
    string OutputType,
    bool HasParams,
    bool HasInput,
    bool HasOutput,
    bool HasBuiltInHandler);
