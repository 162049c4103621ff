using Sdn.Controller.Channel;
using Sdn.Controller.Northbound.Policies;
using Sdn.Controller.Northbound.Policies.Intents;
using Sdn.Controller.Northbound.V1;
using Sdn.Grpc;

namespace Sdn.Controller.Northbound.Services;

/// <summary><c>sdn.controller.v1.Policies</c> over <see cref="PolicyApp"/>, with path intents through <see cref="PathIntentService"/>.</summary>
public sealed class PoliciesGrpcService(PolicyApp policies, PathIntentService intents)
{
    /// <summary>The gRPC service name.</summary>
    public const string ServiceName = "sdn.controller.v1.Policies";

    /// <summary>
    /// ApplyPolicy: INVALID_ARGUMENT for a bad or contradictory policy, NOT_FOUND / FAILED_PRECONDITION for intents
    /// the topology cannot take, FAILED_PRECONDITION for ALLOW rules with <c>Policies:AclTable=false</c>, UNAVAILABLE
    /// when a switch does not confirm, INTERNAL when storing fails.
    /// </summary>
    public async Task<ApplyPolicyResponse> ApplyPolicy(ApplyPolicyRequest request, ServerCallContext context)
    {
        try
        {
            return await intents.ApplyAsync(request, context.CancellationToken).ConfigureAwait(false);
        }
        catch (PolicyValidationException ex)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, ex.Message));
        }
        catch (PolicyPreconditionException ex)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, ex.Message));
        }
        catch (PolicyStoreException ex)
        {
            throw new RpcException(new Status(StatusCode.Internal, ex.Message));
        }
        catch (Exception ex) when (ex is TimeoutException or SwitchDisconnectedException)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, $"policy stored but not confirmed by every switch ({ex.Message}); it is re-applied when switches reconnect"));
        }
    }

    /// <summary>DeletePolicy: NOT_FOUND for an unknown id.</summary>
    public async Task<DeletePolicyResponse> DeletePolicy(DeletePolicyRequest request, ServerCallContext context)
    {
        try
        {
            return await intents.DeleteAsync(request.Id, context.CancellationToken).ConfigureAwait(false)
                ?? throw new RpcException(new Status(StatusCode.NotFound, $"no policy '{request.Id}'"));
        }
        catch (PolicyStoreException ex)
        {
            throw new RpcException(new Status(StatusCode.Internal, ex.Message));
        }
        catch (Exception ex) when (ex is TimeoutException or SwitchDisconnectedException)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, $"policy deleted but not every switch confirmed ({ex.Message})"));
        }
    }

    /// <summary>ListPolicies.</summary>
    public Task<ListPoliciesResponse> ListPolicies(ListPoliciesRequest request, ServerCallContext context)
    {
        var response = new ListPoliciesResponse();
        response.Policies.AddRange(policies.Policies);
        return Task.FromResult(response);
    }
}
