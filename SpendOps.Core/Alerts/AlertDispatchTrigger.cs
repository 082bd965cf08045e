using System.Threading.Channels;

namespace SpendOps.Core.Alerts;

/// <summary>
/// "There is something to send": <see cref="Poke"/> costs one non-blocking channel write, and any number of pokes
/// before <see cref="AlertDispatchWakeup"/> reads them become one dispatch run.
/// </summary>
public sealed class AlertDispatchTrigger
{
    private readonly Channel<bool> pokes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Poke() => pokes.Writer.TryWrite(true);

    internal ValueTask<bool> WaitAsync(CancellationToken cancellationToken) => pokes.Reader.WaitToReadAsync(cancellationToken);

    internal void Consume() => pokes.Reader.TryRead(out _);
}
