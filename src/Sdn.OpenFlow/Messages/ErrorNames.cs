using System.Globalization;
using System.Text;

namespace Sdn.OpenFlow.Messages;

/// <summary>Spec names (upper snake case, as OpenFlow 1.3.5 §7.4.4 and ovs-ofctl print them) of error types and codes.</summary>
public static class ErrorNames
{
    /// <summary><c>HELLO_FAILED</c>, <c>BAD_REQUEST</c>, …; the number when unknown.</summary>
    public static string Type(ErrorType type) =>
        Enum.IsDefined(type) ? Snake(type.ToString()) : ((ushort)type).ToString(CultureInfo.InvariantCulture);

    /// <summary>The code's name in the enum that belongs to <paramref name="type"/>; the number when unknown.</summary>
    public static string Code(ErrorType type, ushort code)
    {
        var enumType = type switch
        {
            ErrorType.HelloFailed => typeof(HelloFailedCode),
            ErrorType.BadRequest => typeof(BadRequestCode),
            ErrorType.BadAction => typeof(BadActionCode),
            ErrorType.BadInstruction => typeof(BadInstructionCode),
            ErrorType.BadMatch => typeof(BadMatchCode),
            ErrorType.FlowModFailed => typeof(FlowModFailedCode),
            ErrorType.GroupModFailed => typeof(GroupModFailedCode),
            ErrorType.PortModFailed => typeof(PortModFailedCode),
            ErrorType.TableModFailed => typeof(TableModFailedCode),
            ErrorType.QueueOpFailed => typeof(QueueOpFailedCode),
            ErrorType.SwitchConfigFailed => typeof(SwitchConfigFailedCode),
            ErrorType.RoleRequestFailed => typeof(RoleRequestFailedCode),
            ErrorType.MeterModFailed => typeof(MeterModFailedCode),
            ErrorType.TableFeaturesFailed => typeof(TableFeaturesFailedCode),
            _ => null,
        };
        var name = enumType is null ? null : Enum.GetName(enumType, code);
        return name is null ? code.ToString(CultureInfo.InvariantCulture) : Snake(name);
    }

    private static string Snake(string pascal)
    {
        var sb = new StringBuilder(pascal.Length + 8);
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            if (i > 0 && char.IsUpper(c) && !char.IsUpper(pascal[i - 1]))
            {
                sb.Append('_');
            }

            sb.Append(char.ToUpperInvariant(c));
        }

        return sb.ToString();
    }
}
