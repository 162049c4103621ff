using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Sdn.Grpc;

/// <summary>Matches only gRPC requests (content-type application/grpc...), so the UNIMPLEMENTED fallback never
/// captures other traffic of the application.</summary>
internal sealed class GrpcContentTypeConstraint : IRouteConstraint
{
    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        httpContext is null || GrpcProtocol.IsGrpcContentType(httpContext.Request.ContentType);
}
