namespace SpendOps.Core.Pricing.Checks;

/// <summary>
/// What a provider charges for cached input of a model family: always less than input and, where
/// <see cref="Ratios"/> are given, one of those fractions of it. The input rate and the cached rate can each
/// be the wrong one, so a rate that breaks this rule is reported, never corrected.
/// </summary>
internal sealed record CachedInputRule(RuleScope Scope, params decimal[] Ratios);
