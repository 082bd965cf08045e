using System.Text;
using SpendOps.Proxy.Usage.Extractors.OpenAi;

namespace SpendOps.Tests.Proxy.Usage.Extractors;

public sealed class StreamUsageInjectorTests
{
    [Theory]
    [InlineData(
        """{"model":"gpt-4o","stream":true,"messages":[{"role":"user","content":"héllo ✓"}]}""",
        """{"stream_options":{"include_usage":true},"model":"gpt-4o","stream":true,"messages":[{"role":"user","content":"héllo ✓"}]}""")]
    [InlineData(
        "{\n  \"model\": \"gpt-4o\",\n  \"stream\": true\n}",
        "{\"stream_options\":{\"include_usage\":true},\n  \"model\": \"gpt-4o\",\n  \"stream\": true\n}")]
    [InlineData(
        """{"stream":true,"stream_options":{}}""",
        """{"stream":true,"stream_options":{"include_usage":true}}""")]
    [InlineData(
        """{"stream":true,"stream_options":{ "include_obfuscation":false }}""",
        """{"stream":true,"stream_options":{"include_usage":true, "include_obfuscation":false }}""")]
    [InlineData(
        """{"stream":true,"stream_options":{"include_usage":false,"x":1}}""",
        """{"stream":true,"stream_options":{"include_usage":true,"x":1}}""")]
    [InlineData(
        """{"stream":true,"stream_options":null}""",
        """{"stream":true,"stream_options":{"include_usage":true}}""")]
    [InlineData(
        """{"stream_options":{"include_usage":null},"stream":true}""",
        """{"stream_options":{"include_usage":true},"stream":true}""")]
    public void TryInject_StreamedRequestWithoutIncludeUsage_AddsItAndKeepsOtherBytes(string request, string expected)
    {
        var injected = StreamUsageInjector.TryInject(Encoding.UTF8.GetBytes(request), out var rewritten);

        Assert.True(injected);
        Assert.Equal(expected, Encoding.UTF8.GetString(rewritten));
    }

    [Theory]
    [InlineData("""{"model":"gpt-4o","messages":[]}""")]
    [InlineData("""{"stream":false}""")]
    [InlineData("""{"stream":"true"}""")]
    [InlineData("""{"stream":true,"stream_options":{"include_usage":true}}""")]
    [InlineData("""{"stream":true,"stream_options":"yes"}""")]
    [InlineData("""{"metadata":{"stream":true}}""")]
    [InlineData("""[{"stream":true}]""")]
    [InlineData("""{"stream":true,""")]
    [InlineData("""{"stream":true} trailing""")]
    [InlineData("")]
    public void TryInject_RequestThatMustNotChange_ReturnsFalse(string request)
    {
        var injected = StreamUsageInjector.TryInject(Encoding.UTF8.GetBytes(request), out var rewritten);

        Assert.False(injected);
        Assert.Empty(rewritten);
    }
}
