using Microsoft.Extensions.Time.Testing;
using SpendOps.Proxy.Usage;

namespace SpendOps.Tests.Proxy.Usage;

public sealed class WriterDutyCycleTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void HasRoom_BeforeAnyBatch_IsTrue()
    {
        Assert.True(new WriterDutyCycle(clock).HasRoom);
    }

    [Fact]
    public void HasRoom_AfterABatchOf4MsIn54_IsTrue()
    {
        var duty = new WriterDutyCycle(clock);
        Batch(duty, wait: 50, busy: 4);
        Batch(duty, wait: 50, busy: 4);

        Assert.True(duty.HasRoom);
    }

    [Fact]
    public void HasRoom_AfterABatchThatTookHalfItsCycle_IsFalseUntilAQuietOne()
    {
        var duty = new WriterDutyCycle(clock);
        Batch(duty, wait: 50, busy: 4);

        Batch(duty, wait: 50, busy: 50);
        Assert.False(duty.HasRoom);

        Batch(duty, wait: 50, busy: 10);
        Assert.True(duty.HasRoom);
    }

    [Fact]
    public void HasRoom_WithAFrozenClock_StaysTrue()
    {
        var duty = new WriterDutyCycle(clock);
        Batch(duty, wait: 0, busy: 0);
        Batch(duty, wait: 0, busy: 0);

        Assert.True(duty.HasRoom);
    }

    private void Batch(WriterDutyCycle duty, int wait, int busy)
    {
        clock.Advance(TimeSpan.FromMilliseconds(wait));
        duty.BatchStarted();
        clock.Advance(TimeSpan.FromMilliseconds(busy));
        duty.BatchEnded();
    }
}
