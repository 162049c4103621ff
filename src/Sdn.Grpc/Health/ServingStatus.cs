namespace Sdn.Grpc;

/// <summary>Serving status of a service, as in grpc.health.v1 HealthCheckResponse.ServingStatus.</summary>
public enum ServingStatus
{
    /// <summary>Status not known.</summary>
    Unknown = 0,
    /// <summary>The service serves requests.</summary>
    Serving = 1,
    /// <summary>The service exists but does not serve requests now.</summary>
    NotServing = 2,
    /// <summary>The service is not known to the server (reported by Watch only).</summary>
    ServiceUnknown = 3,
}
