namespace SpendOps.Proxy.Telemetry.Otlp;

/// <summary>How much work a decoded request is: its records and its attributes, nested entries included.</summary>
internal static class OtlpRequestSize
{
    public static int Attributes(OtlpLogsRequest request)
    {
        var count = 0;
        foreach (var resource in request.ResourceLogs)
        {
            count += Count(resource.Resource);
            foreach (var scope in resource.ScopeLogs)
            {
                count += Count(scope.Scope?.Attributes);
                foreach (var record in scope.LogRecords)
                    count += Count(record.Attributes) + (record.Body is null ? 0 : Count(record.Body));
            }
        }
        return count;
    }

    public static int Attributes(OtlpMetricsRequest request)
    {
        var count = 0;
        foreach (var resource in request.ResourceMetrics)
        {
            count += Count(resource.Resource);
            foreach (var scope in resource.ScopeMetrics)
            {
                count += Count(scope.Scope?.Attributes);
                foreach (var metric in scope.Metrics)
                {
                    foreach (var point in metric.DataPoints)
                        count += Count(point.Attributes);
                }
            }
        }
        return count;
    }

    private static int Count(OtlpAttributes? attributes)
    {
        if (attributes is null)
            return 0;
        var count = attributes.Count;
        foreach (var (_, value) in attributes)
            count += Count(value);
        return count;
    }

    /// <summary>Entries nested in a value: each array item and list entry counts, scalars add nothing.</summary>
    private static int Count(OtlpValue value) => value.Kind switch
    {
        OtlpValueKind.Array => value.Array!.Count + value.Array.Sum(Count),
        OtlpValueKind.KeyValueList => Count(value.KeyValueList),
        _ => 0,
    };
}
