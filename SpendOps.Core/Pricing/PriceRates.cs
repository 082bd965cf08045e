namespace SpendOps.Core.Pricing;

/// <summary>Compares and copies the money part of a <see cref="ModelPrice"/> (everything but identity and bookkeeping).</summary>
internal static class PriceRates
{
    public static bool Equal(ModelPrice a, ModelPrice b) =>
        a.InputPerMTok == b.InputPerMTok
        && a.OutputPerMTok == b.OutputPerMTok
        && a.CacheReadPerMTok == b.CacheReadPerMTok
        && a.CacheWrite5mPerMTok == b.CacheWrite5mPerMTok
        && a.CacheWrite1hPerMTok == b.CacheWrite1hPerMTok
        && a.ReasoningPerMTok == b.ReasoningPerMTok
        && a.AudioInputPerMTok == b.AudioInputPerMTok
        && a.AudioOutputPerMTok == b.AudioOutputPerMTok
        && a.ImageInputPerMTok == b.ImageInputPerMTok
        && a.ImageOutputPerMTok == b.ImageOutputPerMTok
        && a.ThresholdTokens == b.ThresholdTokens
        && a.InputAboveThresholdPerMTok == b.InputAboveThresholdPerMTok
        && a.OutputAboveThresholdPerMTok == b.OutputAboveThresholdPerMTok
        && a.CacheReadAboveThresholdPerMTok == b.CacheReadAboveThresholdPerMTok
        && a.CacheWrite5mAboveThresholdPerMTok == b.CacheWrite5mAboveThresholdPerMTok
        && a.CacheWrite1hAboveThresholdPerMTok == b.CacheWrite1hAboveThresholdPerMTok
        && a.RequestFee == b.RequestFee
        && a.SearchFeeLow == b.SearchFeeLow
        && a.SearchFeeMedium == b.SearchFeeMedium
        && a.SearchFeeHigh == b.SearchFeeHigh
        && a.SearchFeePerRequest == b.SearchFeePerRequest;

    /// <summary>Rounds every rate to the stored scale, so that what is compared is what the database returns.</summary>
    public static void Round(ModelPrice p)
    {
        p.InputPerMTok = PricePrecision.Round(p.InputPerMTok);
        p.OutputPerMTok = PricePrecision.Round(p.OutputPerMTok);
        p.CacheReadPerMTok = PricePrecision.Round(p.CacheReadPerMTok);
        p.CacheWrite5mPerMTok = PricePrecision.Round(p.CacheWrite5mPerMTok);
        p.CacheWrite1hPerMTok = PricePrecision.Round(p.CacheWrite1hPerMTok);
        p.ReasoningPerMTok = PricePrecision.Round(p.ReasoningPerMTok);
        p.AudioInputPerMTok = PricePrecision.Round(p.AudioInputPerMTok);
        p.AudioOutputPerMTok = PricePrecision.Round(p.AudioOutputPerMTok);
        p.ImageInputPerMTok = PricePrecision.Round(p.ImageInputPerMTok);
        p.ImageOutputPerMTok = PricePrecision.Round(p.ImageOutputPerMTok);
        p.InputAboveThresholdPerMTok = PricePrecision.Round(p.InputAboveThresholdPerMTok);
        p.OutputAboveThresholdPerMTok = PricePrecision.Round(p.OutputAboveThresholdPerMTok);
        p.CacheReadAboveThresholdPerMTok = PricePrecision.Round(p.CacheReadAboveThresholdPerMTok);
        p.CacheWrite5mAboveThresholdPerMTok = PricePrecision.Round(p.CacheWrite5mAboveThresholdPerMTok);
        p.CacheWrite1hAboveThresholdPerMTok = PricePrecision.Round(p.CacheWrite1hAboveThresholdPerMTok);
        p.RequestFee = PricePrecision.Round(p.RequestFee);
        p.SearchFeeLow = PricePrecision.Round(p.SearchFeeLow);
        p.SearchFeeMedium = PricePrecision.Round(p.SearchFeeMedium);
        p.SearchFeeHigh = PricePrecision.Round(p.SearchFeeHigh);
    }
}
