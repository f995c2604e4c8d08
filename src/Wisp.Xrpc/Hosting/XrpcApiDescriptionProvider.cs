using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing;

namespace Wisp.Xrpc.Hosting;

/// <summary>
/// Describes the generated XRPC endpoints to ASP.NET Core's API explorer, which OpenAPI generators read
/// (Microsoft.AspNetCore.OpenApi, Swashbuckle, NSwag). Plain <c>RequestDelegate</c> endpoints are invisible to the
/// explorer on their own; this provider turns each method's <see cref="XrpcMethod"/> metadata into its path,
/// query parameters, request body, response and error responses.
/// </summary>
internal sealed class XrpcApiDescriptionProvider(EndpointDataSource endpoints) : IApiDescriptionProvider
{
    private static readonly IModelMetadataProvider Metadata = new EmptyModelMetadataProvider();

    // After the framework's own providers (-1000), so that their results are already there.
    public int Order => -900;

    public void OnProvidersExecuting(ApiDescriptionProviderContext context)
    {
        foreach (var endpoint in endpoints.Endpoints.OfType<RouteEndpoint>())
        {
            // Event streams are WebSockets, which OpenAPI does not describe.
            if (endpoint.Metadata.GetMetadata<XrpcMethod>() is { Kind: not XrpcMethodKind.Subscription } method)
            {
                context.Results.Add(Describe(endpoint, method));
            }
        }
    }

    public void OnProvidersExecuted(ApiDescriptionProviderContext context)
    {
    }

    private static ApiDescription Describe(RouteEndpoint endpoint, XrpcMethod method)
    {
        var group = method.Nsid[..method.Nsid.LastIndexOf('.')];
        var description = new ApiDescription
        {
            HttpMethod = method.HttpMethod,
            RelativePath = method.Path.TrimStart('/'),
            ActionDescriptor = new ActionDescriptor
            {
                DisplayName = method.Nsid,
                RouteValues = { ["controller"] = group, ["action"] = method.Nsid },
                EndpointMetadata = [.. endpoint.Metadata],
            },
        };

        foreach (var parameter in method.Parameters ?? [])
        {
            description.ParameterDescriptions.Add(new ApiParameterDescription
            {
                Name = parameter.Name,
                Source = BindingSource.Query,
                Type = parameter.Type,
                IsRequired = parameter.IsRequired,
                ModelMetadata = Metadata.GetMetadataForType(parameter.Type),
            });
        }

        if (method.InputEncoding is { } inputEncoding)
        {
            var inputType = method.InputType == typeof(XrpcBlob) || method.InputType is null ? typeof(Stream) : method.InputType;
            description.ParameterDescriptions.Add(new ApiParameterDescription
            {
                Name = "input",
                Source = BindingSource.Body,
                Type = inputType,
                IsRequired = true,
                ModelMetadata = Metadata.GetMetadataForType(inputType),
            });
            foreach (var mediaType in inputEncoding.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                description.SupportedRequestFormats.Add(new ApiRequestFormat { MediaType = mediaType });
            }
        }

        var ok = new ApiResponseType { StatusCode = StatusCodes.Status200OK };
        if (method.OutputEncoding is { } outputEncoding)
        {
            ok.Type = method.OutputType == typeof(XrpcBlob) || method.OutputType is null ? typeof(Stream) : method.OutputType;
            ok.ModelMetadata = Metadata.GetMetadataForType(ok.Type);
            ok.ApiResponseFormats.Add(new ApiResponseFormat { MediaType = outputEncoding });
        }

        description.SupportedResponseTypes.Add(ok);
        var errors = new List<int> { StatusCodes.Status400BadRequest };
        if (method.RequiresAuthentication)
        {
            errors.Add(StatusCodes.Status401Unauthorized);
        }

        errors.Add(StatusCodes.Status500InternalServerError);
        foreach (var status in errors)
        {
            var error = new ApiResponseType
            {
                StatusCode = status,
                Type = typeof(XrpcErrorBody),
                ModelMetadata = Metadata.GetMetadataForType(typeof(XrpcErrorBody)),
            };
            error.ApiResponseFormats.Add(new ApiResponseFormat { MediaType = "application/json" });
            description.SupportedResponseTypes.Add(error);
        }

        return description;
    }
}
