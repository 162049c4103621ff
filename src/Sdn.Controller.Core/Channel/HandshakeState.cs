namespace Sdn.Controller.Channel;

/// <summary>Where a switch connection is in the handshake.</summary>
public enum HandshakeState
{
    /// <summary>Our HELLO is sent; waiting for the switch's HELLO.</summary>
    AwaitingHello,
    /// <summary>FEATURES_REQUEST sent.</summary>
    AwaitingFeatures,
    /// <summary>PORT_DESC multipart request sent; collecting parts.</summary>
    AwaitingPortDesc,
    /// <summary>SET_CONFIG and BARRIER_REQUEST sent.</summary>
    AwaitingBarrier,
    /// <summary>Handshake complete: apps see the switch.</summary>
    Ready,
    /// <summary>Handshake failed; the connection closes.</summary>
    Failed,
}
