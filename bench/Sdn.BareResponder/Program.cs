using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Sdn.BareResponder;

/// <summary>
/// A bare OpenFlow 1.0 responder for measuring the load generator's ceiling: per connection one loop that receives
/// into a 256 KiB buffer, answers every whole PACKET_IN with an 80-byte FLOW_MOD (ADD, buffer_id, output to port 1)
/// written into one send buffer, and sends that buffer once per receive. Handshake: HELLO, FEATURES_REQUEST and
/// BARRIER_REQUEST at once (the generator counts the switch ready on the barrier); everything else is ignored.
/// Usage: <c>sdn-bare-responder 127.0.0.1:16750</c> (loopback only); runs until killed.
/// </summary>
public static class Program
{
    private const int FlowModLength = 80;

    /// <summary>Listens and serves every connection.</summary>
    /// <returns>Exit code.</returns>
    public static async Task<int> Main(string[] args)
    {
        if (args.Length != 1 || !IPEndPoint.TryParse(args[0], out var endpoint) || !IPAddress.IsLoopback(endpoint.Address))
        {
            await Console.Error.WriteLineAsync("usage: sdn-bare-responder 127.0.0.1:PORT (loopback only)").ConfigureAwait(false);
            return 1;
        }

        using var listener = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(endpoint);
        listener.Listen(1024);
        Console.WriteLine($"sdn-bare-responder listening on {endpoint}");
        while (true)
        {
            var socket = await listener.AcceptAsync().ConfigureAwait(false);
            socket.NoDelay = true;
            _ = Task.Run(() => ServeAsync(socket));
        }
    }

    private static async Task ServeAsync(Socket socket)
    {
        var recv = new byte[256 * 1024];
        var send = new byte[(recv.Length / 82 * FlowModLength) + 64];
        var hello = new byte[] { 1, 0, 0, 8, 0, 0, 0, 1, 1, 5, 0, 8, 0, 0, 0, 2, 1, 18, 0, 8, 0, 0, 0, 3 };
        int start = 0, end = 0;
        try
        {
            await socket.SendAsync(hello, SocketFlags.None).ConfigureAwait(false);
            while (true)
            {
                if (start > 0)
                {
                    Buffer.BlockCopy(recv, start, recv, 0, end - start);
                    end -= start;
                    start = 0;
                }

                var n = await socket.ReceiveAsync(recv.AsMemory(end), SocketFlags.None).ConfigureAwait(false);
                if (n == 0)
                {
                    return;
                }

                end += n;
                var outLen = 0;
                while (end - start >= 8)
                {
                    var len = BinaryPrimitives.ReadUInt16BigEndian(recv.AsSpan(start + 2));
                    if (len < 8)
                    {
                        return;
                    }

                    if (end - start < len)
                    {
                        break;
                    }

                    if (recv[start + 1] == 10 && len >= 18)
                    {
                        WriteFlowMod(send.AsSpan(outLen, FlowModLength), recv.AsSpan(start, len));
                        outLen += FlowModLength;
                    }

                    start += len;
                }

                for (var sent = 0; sent < outLen;)
                {
                    sent += await socket.SendAsync(send.AsMemory(sent, outLen - sent), SocketFlags.None).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            socket.Dispose();
        }
    }

    /// <summary>OpenFlow 1.0 FLOW_MOD: match in_port (wildcards all but in_port), ADD, buffer_id, output to port 1.</summary>
    private static void WriteFlowMod(Span<byte> f, ReadOnlySpan<byte> packetIn)
    {
        f.Clear();
        f[0] = 1;
        f[1] = 14;
        BinaryPrimitives.WriteUInt16BigEndian(f[2..], FlowModLength);
        packetIn.Slice(4, 4).CopyTo(f[4..]); // xid
        BinaryPrimitives.WriteUInt32BigEndian(f[8..], 0x003ffffe); // wildcards: all but in_port
        packetIn.Slice(16, 2).CopyTo(f[12..]); // in_port
        BinaryPrimitives.WriteUInt16BigEndian(f[62..], 1); // priority (command ADD = 0 at 56)
        packetIn.Slice(8, 4).CopyTo(f[64..]); // buffer_id
        BinaryPrimitives.WriteUInt16BigEndian(f[68..], 0xffff); // out_port NONE
        BinaryPrimitives.WriteUInt16BigEndian(f[72..], 0); // OFPAT_OUTPUT
        BinaryPrimitives.WriteUInt16BigEndian(f[74..], 8);
        BinaryPrimitives.WriteUInt16BigEndian(f[76..], 1);
        BinaryPrimitives.WriteUInt16BigEndian(f[78..], 0xffe5);
    }
}
