namespace SpendOps.Core.Chargeback;

/// <summary>What a chargeback can be grouped by; several can be combined (<c>dim:team,model</c>).</summary>
public enum ChargebackKeyKind
{
    /// <summary>An attribution dimension (<c>dim:team</c>).</summary>
    Dimension,

    /// <summary>The proxy key the call used (telemetry has none).</summary>
    Key,

    Provider,

    /// <summary>The reported model, else the requested one.</summary>
    Model,

    /// <summary><c>proxy</c> (measured) or <c>telemetry</c> (estimated).</summary>
    Source,

    /// <summary>The user a telemetry source names (the <c>user.id</c> dimension Claude Code sends).</summary>
    User,
}
