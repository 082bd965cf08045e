using System.Security.Cryptography;

namespace SpendOps.Core.Tenancy;

/// <summary>
/// Generates initial and reset passwords that satisfy Identity's default rules (length, upper, lower, digit,
/// symbol) by construction, in groups that are easy to read out and type.
/// </summary>
public static class PasswordGenerator
{
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnopqrstuvwxyz";
    private const string Digits = "23456789";

    public static string Generate() =>
        string.Join('-',
            RandomNumberGenerator.GetString(Lower + Digits, 6),
            RandomNumberGenerator.GetString(Upper + Lower + Digits, 6),
            RandomNumberGenerator.GetString(Upper + Lower + Digits, 6))
        + RandomNumberGenerator.GetString(Upper, 1) + RandomNumberGenerator.GetString(Lower, 1) + RandomNumberGenerator.GetString(Digits, 1);
}
