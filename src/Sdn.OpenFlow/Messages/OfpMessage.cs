namespace Sdn.OpenFlow.Messages;

/// <summary>
/// Base of every OpenFlow message record. Records are immutable and version-neutral where the versions agree; a
/// version's codec (e.g. <see cref="V13.OpenFlow13Codec"/>) maps them to and from the wire. Equality is by value.
/// </summary>
public abstract record OfpMessage
{
    /// <summary>Transaction id (OpenFlow 1.3.5 §7.1).</summary>
    public Xid Xid { get => _xid; init => _xid = value; }

    private Xid _xid;

    /// <summary>Sets the xid of a record a decoder has just built and not yet handed out (saves a <c>with</c> copy).</summary>
    internal T WithDecodedXid<T>(Xid xid)
        where T : OfpMessage
    {
        _xid = xid;
        return (T)this;
    }
}
