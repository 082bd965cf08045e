using System.Text;
using SpendOps.Proxy.Enforcement;

namespace SpendOps.Tests.Proxy.Enforcement;

public sealed class OutputTokenLimitTests
{
    [Theory]
    [InlineData("""{"model":"claude-sonnet-4-5","max_tokens":1024,"messages":[]}""", 1024L)]
    [InlineData("""{"model":"gpt-4.1","messages":[{"role":"user","content":"max_tokens: 5"}],"max_completion_tokens":300}""", 300L)]
    [InlineData("""{"model":"o3","input":"hi","max_output_tokens":2048}""", 2048L)]
    [InlineData("""{"contents":[],"generationConfig":{"temperature":0.2,"maxOutputTokens":512}}""", 512L)]
    [InlineData("""{"max_tokens":100,"max_completion_tokens":400}""", 400L)]
    [InlineData("""{"metadata":{"max_tokens":99999},"max_tokens":10}""", 10L)]
    [InlineData("""{"model":"gpt-4.1","messages":[]}""", null)]
    [InlineData("""{"max_tokens":"many"}""", null)]
    [InlineData("""{"max_tokens":-5}""", null)]
    [InlineData("""{"max_tokens":100""", null)]
    [InlineData("--boundary\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-1\r\n--boundary--", null)]
    [InlineData("", null)]
    public void Read_FindsTheLimitTheBodyNames(string body, long? expected) =>
        Assert.Equal(expected, OutputTokenLimit.Read(Encoding.UTF8.GetBytes(body)));
}
