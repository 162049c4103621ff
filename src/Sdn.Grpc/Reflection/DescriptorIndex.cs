using Google.Protobuf.Reflection;

namespace Sdn.Grpc;

/// <summary>
/// The proto files a server describes, with every file they import (transitively), indexed by file name and by the
/// fully qualified names they declare: services, methods ("pkg.Service.Method"), messages and enums (nested ones
/// too), fields and enum values. Built once; read-only afterwards, so any number of calls may share it.
/// </summary>
internal sealed class DescriptorIndex
{
    private readonly Dictionary<string, FileDescriptor> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FileDescriptor> _symbols = new(StringComparer.Ordinal);
    private readonly HashSet<string> _messages = new(StringComparer.Ordinal);

    /// <summary>Indexes <paramref name="roots"/> and everything they import.</summary>
    /// <param name="roots">Generated descriptors, for example <c>HealthReflection.Descriptor</c>.</param>
    public DescriptorIndex(IEnumerable<FileDescriptor> roots)
    {
        foreach (var root in roots)
        {
            Add(root);
        }
    }

    /// <summary>The file with this name (as in an import, for example "grpc/health/v1/health.proto"), or null.</summary>
    public FileDescriptor? FindFile(string name) => _files.GetValueOrDefault(name);

    /// <summary>The file declaring this fully qualified symbol (no leading dot), or null.</summary>
    public FileDescriptor? FindSymbol(string symbol) => _symbols.GetValueOrDefault(symbol);

    /// <summary>True when <paramref name="name"/> is a message type of an indexed file.</summary>
    public bool IsMessage(string name) => _messages.Contains(name);

    /// <summary>
    /// <paramref name="file"/>'s serialized FileDescriptorProto followed by those of all its imports, transitively,
    /// each once (depth first, as grpc's C++ reflection server orders them).
    /// </summary>
    public static List<Google.Protobuf.ByteString> WithDependencies(FileDescriptor file)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<Google.Protobuf.ByteString>();
        void Visit(FileDescriptor f)
        {
            if (seen.Add(f.Name))
            {
                result.Add(f.SerializedData);
                foreach (var dependency in f.Dependencies)
                {
                    Visit(dependency);
                }
            }
        }

        Visit(file);
        return result;
    }

    private void Add(FileDescriptor file)
    {
        if (!_files.TryAdd(file.Name, file))
        {
            return;
        }

        foreach (var dependency in file.Dependencies)
        {
            Add(dependency);
        }

        foreach (var service in file.Services)
        {
            _symbols.TryAdd(service.FullName, file);
            foreach (var method in service.Methods)
            {
                _symbols.TryAdd(method.FullName, file);
            }
        }

        AddTypes(file.MessageTypes, file.EnumTypes, file);
    }

    /// <summary>Indexes messages and enums declared at one level (a file's top level, or inside a message).</summary>
    private void AddTypes(IEnumerable<MessageDescriptor> messages, IEnumerable<EnumDescriptor> enums, FileDescriptor file)
    {
        foreach (var message in messages)
        {
            AddMessage(message, file);
        }

        foreach (var e in enums)
        {
            AddEnum(e, file);
        }
    }

    private void AddMessage(MessageDescriptor message, FileDescriptor file)
    {
        _symbols.TryAdd(message.FullName, file);
        _messages.Add(message.FullName);
        foreach (var field in message.Fields.InDeclarationOrder())
        {
            _symbols.TryAdd(field.FullName, file);
        }

        AddTypes(message.NestedTypes, message.EnumTypes, file);
    }

    private void AddEnum(EnumDescriptor e, FileDescriptor file)
    {
        _symbols.TryAdd(e.FullName, file);
        foreach (var value in e.Values)
        {
            // Enum values are scoped as siblings of their enum (protobuf language guide), e.g. "pkg.SERVING".
            var scope = e.FullName[..Math.Max(0, e.FullName.LastIndexOf('.'))];
            _symbols.TryAdd(scope.Length == 0 ? value.Name : $"{scope}.{value.Name}", file);
        }
    }
}
