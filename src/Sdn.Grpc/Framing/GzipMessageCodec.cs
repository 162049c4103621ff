using System.Buffers;
using System.IO.Compression;

namespace Sdn.Grpc;

/// <summary>
/// The "gzip" Content-Coding for single messages (PROTOCOL-HTTP2.md "Requests": Message-Encoding; compression
/// contexts are not kept across messages). Decompression is bounded so a small compressed message cannot expand
/// past the receive limit.
/// </summary>
public static class GzipMessageCodec
{
    /// <summary>The grpc-encoding name.</summary>
    public const string Name = "gzip";

    /// <summary>Compresses one message.</summary>
    /// <param name="payload">Uncompressed message bytes.</param>
    /// <returns>Gzip bytes.</returns>
    public static byte[] Compress(ReadOnlySpan<byte> payload)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
        {
            gz.Write(payload);
        }

        return ms.ToArray();
    }

    /// <summary>Decompresses one message.</summary>
    /// <param name="compressed">Gzip bytes.</param>
    /// <param name="maxSize">Largest accepted decompressed size in bytes.</param>
    /// <param name="result">The decompressed bytes, on success.</param>
    /// <returns>False when the output would exceed <paramref name="maxSize"/>.</returns>
    /// <exception cref="InvalidDataException">The bytes are not valid gzip.</exception>
    public static bool TryDecompress(ReadOnlySequence<byte> compressed, int maxSize, out byte[] result)
    {
        using var input = new MemoryStream(compressed.ToArray());
        using var gz = new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int n;
        while ((n = gz.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (output.Length + n > maxSize)
            {
                result = [];
                return false;
            }

            output.Write(chunk, 0, n);
        }

        result = output.ToArray();
        return true;
    }
}
