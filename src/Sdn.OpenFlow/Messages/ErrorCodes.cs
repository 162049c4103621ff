namespace Sdn.OpenFlow.Messages;

#pragma warning disable CS1591 // Enum members are the spec's names; the spec section on each enum documents them.

/// <summary>OFPT_ERROR types (OpenFlow 1.3.5 §7.4.4 <c>enum ofp_error_type</c>). The 1.0 codec maps its own numbering onto these.</summary>
public enum ErrorType : ushort
{
    HelloFailed = 0,
    BadRequest = 1,
    BadAction = 2,
    BadInstruction = 3,
    BadMatch = 4,
    FlowModFailed = 5,
    GroupModFailed = 6,
    PortModFailed = 7,
    TableModFailed = 8,
    QueueOpFailed = 9,
    SwitchConfigFailed = 10,
    RoleRequestFailed = 11,
    MeterModFailed = 12,
    TableFeaturesFailed = 13,
    Experimenter = 0xffff,
}

/// <summary>HELLO_FAILED codes (OpenFlow 1.3.5 §7.4.4 <c>ofp_hello_failed_code</c>).</summary>
public enum HelloFailedCode : ushort { Incompatible = 0, EPerm = 1 }

/// <summary>BAD_REQUEST codes (OpenFlow 1.3.5 §7.4.4 <c>ofp_bad_request_code</c>).</summary>
public enum BadRequestCode : ushort
{
    BadVersion = 0, BadType = 1, BadMultipart = 2, BadExperimenter = 3, BadExpType = 4, EPerm = 5, BadLen = 6,
    BufferEmpty = 7, BufferUnknown = 8, BadTableId = 9, IsSlave = 10, BadPort = 11, BadPacket = 12, MultipartBufferOverflow = 13,
}

/// <summary>BAD_ACTION codes (OpenFlow 1.3.5 §7.4.4 <c>ofp_bad_action_code</c>).</summary>
public enum BadActionCode : ushort
{
    BadType = 0, BadLen = 1, BadExperimenter = 2, BadExpType = 3, BadOutPort = 4, BadArgument = 5, EPerm = 6, TooMany = 7,
    BadQueue = 8, BadOutGroup = 9, MatchInconsistent = 10, UnsupportedOrder = 11, BadTag = 12, BadSetType = 13, BadSetLen = 14,
    BadSetArgument = 15,
}

/// <summary>BAD_INSTRUCTION codes (OpenFlow 1.3.5 §7.4.4 <c>ofp_bad_instruction_code</c>).</summary>
public enum BadInstructionCode : ushort
{
    UnknownInst = 0, UnsupInst = 1, BadTableId = 2, UnsupMetadata = 3, UnsupMetadataMask = 4, BadExperimenter = 5,
    BadExpType = 6, BadLen = 7, EPerm = 8,
}

/// <summary>BAD_MATCH codes (OpenFlow 1.3.5 §7.4.4 <c>ofp_bad_match_code</c>).</summary>
public enum BadMatchCode : ushort
{
    BadType = 0, BadLen = 1, BadTag = 2, BadDlAddrMask = 3, BadNwAddrMask = 4, BadWildcards = 5, BadField = 6, BadValue = 7,
    BadMask = 8, BadPrereq = 9, DupField = 10, EPerm = 11,
}

/// <summary>FLOW_MOD_FAILED codes (OpenFlow 1.3.5 §7.4.4 <c>ofp_flow_mod_failed_code</c>).</summary>
public enum FlowModFailedCode : ushort { Unknown = 0, TableFull = 1, BadTableId = 2, Overlap = 3, EPerm = 4, BadTimeout = 5, BadCommand = 6, BadFlags = 7 }

/// <summary>GROUP_MOD_FAILED codes (OpenFlow 1.3.5 §7.4.4 <c>ofp_group_mod_failed_code</c>).</summary>
public enum GroupModFailedCode : ushort
{
    GroupExists = 0, InvalidGroup = 1, WeightUnsupported = 2, OutOfGroups = 3, OutOfBuckets = 4, ChainingUnsupported = 5,
    WatchUnsupported = 6, Loop = 7, UnknownGroup = 8, ChainedGroup = 9, BadType = 10, BadCommand = 11, BadBucket = 12,
    BadWatch = 13, EPerm = 14,
}

/// <summary>PORT_MOD_FAILED codes (OpenFlow 1.3.5 §7.4.4 <c>ofp_port_mod_failed_code</c>).</summary>
public enum PortModFailedCode : ushort { BadPort = 0, BadHwAddr = 1, BadConfig = 2, BadAdvertise = 3, EPerm = 4 }

/// <summary>TABLE_MOD_FAILED codes (OpenFlow 1.3.5 §7.4.4 <c>ofp_table_mod_failed_code</c>).</summary>
public enum TableModFailedCode : ushort { BadTable = 0, BadConfig = 1, EPerm = 2 }

/// <summary>QUEUE_OP_FAILED codes (OpenFlow 1.3.5 §7.4.4 <c>ofp_queue_op_failed_code</c>).</summary>
public enum QueueOpFailedCode : ushort { BadPort = 0, BadQueue = 1, EPerm = 2 }

/// <summary>SWITCH_CONFIG_FAILED codes (OpenFlow 1.3.5 §7.4.4 <c>ofp_switch_config_failed_code</c>).</summary>
public enum SwitchConfigFailedCode : ushort { BadFlags = 0, BadLen = 1, EPerm = 2 }

/// <summary>ROLE_REQUEST_FAILED codes (OpenFlow 1.3.5 §7.4.4 <c>ofp_role_request_failed_code</c>).</summary>
public enum RoleRequestFailedCode : ushort { Stale = 0, Unsup = 1, BadRole = 2 }

/// <summary>METER_MOD_FAILED codes (OpenFlow 1.3.5 §7.4.4 <c>ofp_meter_mod_failed_code</c>).</summary>
public enum MeterModFailedCode : ushort
{
    Unknown = 0, MeterExists = 1, InvalidMeter = 2, UnknownMeter = 3, BadCommand = 4, BadFlags = 5, BadRate = 6, BadBurst = 7,
    BadBand = 8, BadBandValue = 9, OutOfMeters = 10, OutOfBands = 11,
}

/// <summary>TABLE_FEATURES_FAILED codes (OpenFlow 1.3.5 §7.4.4 <c>ofp_table_features_failed_code</c>).</summary>
public enum TableFeaturesFailedCode : ushort { BadTable = 0, BadMetadata = 1, BadType = 2, BadLen = 3, BadArgument = 4, EPerm = 5 }

#pragma warning restore CS1591
