using System.ClientModel.Primitives;

namespace SpendOps.Tests.Proxy.Sdk;

/// <summary>Adds the proxy's headers to every OpenAI SDK request, the way an application's client setup would.</summary>
internal sealed class HeaderPolicy(IReadOnlyDictionary<string, string> headers) : PipelinePolicy
{
    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        Apply(message);
        ProcessNext(message, pipeline, currentIndex);
    }

    public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        Apply(message);
        return ProcessNextAsync(message, pipeline, currentIndex);
    }

    private void Apply(PipelineMessage message)
    {
        foreach (var (name, value) in headers)
            message.Request.Headers.Set(name, value);
    }
}
