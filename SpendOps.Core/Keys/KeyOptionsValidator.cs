using Microsoft.Extensions.Options;

namespace SpendOps.Core.Keys;

/// <summary>Refuses to start with a hash secret that is not base64 of at least 32 bytes; never repeats the value.</summary>
internal sealed class KeyOptionsValidator : IValidateOptions<KeyOptions>
{
    public ValidateOptionsResult Validate(string? name, KeyOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.HashSecret) || KeyHashSecret.TryDecode(options.HashSecret, out _))
            return ValidateOptionsResult.Success;
        return ValidateOptionsResult.Fail(
            $"Keys:HashSecret must be base64 of at least {KeyHashSecret.MinBytes} random bytes (e.g. the output of 'openssl rand -base64 32'); every instance needs the same value.");
    }
}
