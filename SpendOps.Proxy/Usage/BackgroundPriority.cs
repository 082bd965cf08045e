using System.Runtime.InteropServices;

namespace SpendOps.Proxy.Usage;

/// <summary>
/// Lowers the CPU priority of the calling thread, so that writing a batch of usage records never competes on equal
/// terms with the calls being proxied (recording may lag by a moment; forwarding may not). .NET ignores
/// <see cref="Thread.Priority"/> on Linux, where a thread's nice value is its own and raising it needs no privilege.
/// </summary>
internal static class BackgroundPriority
{
    private const int PrioProcess = 0;
    private const int Nice = 10;

    public static void LowerCurrentThread()
    {
        if (!OperatingSystem.IsLinux())
        {
            Thread.CurrentThread.Priority = ThreadPriority.BelowNormal;
            return;
        }
        // With "who" 0, Linux applies the nice value to the calling thread only. A failure leaves the default priority.
        _ = SetPriority(PrioProcess, 0, Nice);
    }

    [DllImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static extern int SetPriority(int which, int who, int priority);
}
