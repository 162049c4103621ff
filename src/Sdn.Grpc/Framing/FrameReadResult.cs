namespace Sdn.Grpc;

/// <summary>Outcome of <see cref="LengthPrefixedMessageReader.TryRead"/>.</summary>
public enum FrameReadResult
{
    /// <summary>A whole message was read and the buffer advanced past it.</summary>
    Message,
    /// <summary>The buffer holds only part of a message (or nothing); nothing was consumed.</summary>
    NeedMoreData,
    /// <summary>The Compressed-Flag byte is neither 0 nor 1 (the stream is corrupt: INTERNAL).</summary>
    InvalidCompressedFlag,
    /// <summary>The declared Message-Length exceeds the limit (RESOURCE_EXHAUSTED); the frame's
    /// <see cref="LengthPrefixedFrame.Length"/> tells the declared size. Nothing was consumed.</summary>
    MessageTooLarge,
}
