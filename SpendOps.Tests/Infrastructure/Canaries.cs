namespace SpendOps.Tests.Infrastructure;

/// <summary>
/// Distinctive stand-ins for what must never reach a log: provider credentials, prompts and completions. Tests that
/// send such values use these, and <c>.ci/check-logs</c> fails the run when any of them is found in the run-wide log
/// (<see cref="RunLog"/>). Each is one <c>const string</c> on one line: the script reads them from this file.
/// </summary>
public static class Canaries
{
    public const string OpenAiApiKey = "sk-proj-CANARYopenai7Qw2Lr9Zt4Xv";
    public const string AnthropicApiKey = "sk-ant-api03-CANARYanthropic8Hd3Kp6Ns1";
    public const string AnthropicOAuthToken = "sk-ant-oat01-CANARYoauth5Vb7Mc2Jq9";
    public const string GeminiApiKey = "AIzaSyCANARYgemini3Rf8Tg1Yh6Uj4";
    /// <summary>A wrong secret for a real key id: SpendOps key secrets are 40 letters and digits.</summary>
    public const string ApiKeySecret = "CANARYsecretQ3w5E7r9T1y3U5i7O9p1A3s5D7f9";
    public const string Prompt = "CANARY-PROMPT the treasurer's password is hunter2-4kZ9";
    public const string Completion = "CANARY-COMPLETION the vault opens at dawn-7mX2";
}
