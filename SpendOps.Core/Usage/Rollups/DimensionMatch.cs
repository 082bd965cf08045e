namespace SpendOps.Core.Usage.Rollups;

/// <summary>Only calls whose dimension <see cref="Name"/> has one of <see cref="Values"/>.</summary>
public sealed record DimensionMatch(string Name, IReadOnlyList<string> Values);
