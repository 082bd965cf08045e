using SpendOps.Core.Telemetry;
using SpendOps.Proxy.Telemetry.Otlp;

namespace SpendOps.Proxy.Telemetry.Mapping;

/// <summary>
/// Turns samples into increments. Delta points are increments already. Cumulative points are compared with the
/// series' stored last value (<see cref="TelemetrySeriesState"/>):
/// <list type="bullet">
/// <item>no state yet: the whole value is the increment (the counter started at zero at its start time);</item>
/// <item>same start time, later point: value minus last value; a lower value means the counter restarted, so the value is the increment;</item>
/// <item>later start time: a restarted process, the value is the increment;</item>
/// <item>a point not later than the last one, or from an earlier start: a replay or a straggler, nothing is added.</item>
/// </list>
/// The caller loads the states of the batch's series, and saves the changed ones in the same transaction as the records.
/// </summary>
internal sealed class CumulativeSeriesTracker(Guid connectionId, Dictionary<string, TelemetrySeriesState> states, DateTimeOffset now)
{
    public List<TelemetrySeriesState> Added { get; } = [];

    public List<MetricIncrement> Increments(IEnumerable<MetricSample> samples)
    {
        var increments = new List<MetricIncrement>();
        foreach (var sample in samples.OrderBy(s => s.TimeUnixNano))
        {
            var amount = sample.Temporality == OtlpTemporality.Cumulative ? Cumulative(sample) : sample.Value;
            if (amount > 0)
                increments.Add(new MetricIncrement(sample, amount));
        }
        return increments;
    }

    private decimal Cumulative(MetricSample sample)
    {
        if (!states.TryGetValue(sample.SeriesKey, out var state))
        {
            state = new TelemetrySeriesState
            {
                ConnectionId = connectionId,
                SeriesKey = sample.SeriesKey,
                MetricName = sample.MetricName,
                StartTimeUnixNano = sample.StartTimeUnixNano,
                LastTimeUnixNano = sample.TimeUnixNano,
                LastValue = sample.Value,
                UpdatedAt = now,
            };
            states[sample.SeriesKey] = state;
            Added.Add(state);
            return sample.Value;
        }

        decimal amount;
        if (sample.StartTimeUnixNano == state.StartTimeUnixNano)
        {
            if (sample.TimeUnixNano <= state.LastTimeUnixNano)
                return 0;
            amount = sample.Value >= state.LastValue ? sample.Value - state.LastValue : sample.Value;
        }
        else if (sample.StartTimeUnixNano > state.StartTimeUnixNano)
        {
            amount = sample.Value;
        }
        else
        {
            return 0;
        }

        state.StartTimeUnixNano = sample.StartTimeUnixNano;
        state.LastTimeUnixNano = sample.TimeUnixNano;
        state.LastValue = sample.Value;
        state.UpdatedAt = now;
        state.Version++;
        return amount;
    }
}
