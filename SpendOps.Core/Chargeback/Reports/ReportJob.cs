using Hangfire;
using Microsoft.Extensions.Logging;

namespace SpendOps.Core.Chargeback.Reports;

/// <summary>The recurring check for due scheduled reports (<c>Jobs:Reports</c>); the work is in <see cref="ReportProducer"/>.</summary>
internal sealed partial class ReportJob(ReportProducer producer, ILogger<ReportJob> logger)
{
    public const string Id = "scheduled-reports";

    // No lock: runs on several instances may overlap, each period is claimed by a unique index. A failed run is not
    // retried by Hangfire: the next check finds the periods still due.
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var runs = await producer.ProduceDueAsync(cancellationToken);
        var expired = await producer.DeleteExpiredAsync(cancellationToken);
        if (runs.Count > 0 || expired > 0)
            LogRun(logger, runs.Count, expired);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled reports: {Produced} produced, {Expired} expired run(s) deleted")]
    private static partial void LogRun(ILogger logger, int produced, int expired);
}
