using Bunit;
using SpendOps.Core.Usage;
using SpendOps.Web.Components.Shared;

namespace SpendOps.Tests.Web.Components.Shared;

/// <summary>The period picker: one choice pressed, a custom range that starts from the last seven days, and two labelled dates.</summary>
public sealed class PeriodPickerTests : PortalComponentTests
{
    private static readonly DateOnly Today = new(2026, 3, 10);
    private readonly List<PeriodChoice> raised = [];

    [Fact]
    public void Render_ThisMonth_ThatChoicePressedAndNoDates()
    {
        var picker = Render(new PeriodChoice(SpendPeriodKind.ThisMonth));

        Assert.Equal(["Today", "7 days", "This month", "Last month", "Custom"], picker.FindAll("[aria-label='Period'] button").Select(b => b.TextContent.Trim()));
        Assert.Equal(["This month"], Pressed(picker));
        Assert.Empty(picker.FindAll("input[type=date]"));
    }

    [Fact]
    public async Task PickCustom_RaisesTheLastSevenDaysAsARange()
    {
        var picker = Render(new PeriodChoice(SpendPeriodKind.ThisMonth));

        await Button(picker, "Custom").ClickAsync(new());

        Assert.Equal([new PeriodChoice(SpendPeriodKind.Custom, new DateOnly(2026, 3, 4), Today)], raised);
    }

    [Fact]
    public async Task PickLastMonth_RaisesLastMonthWithoutDates()
    {
        var picker = Render(new PeriodChoice(SpendPeriodKind.Custom, new DateOnly(2026, 3, 1), Today));

        await Button(picker, "Last month").ClickAsync(new());

        Assert.Equal([new PeriodChoice(SpendPeriodKind.LastMonth)], raised);
    }

    [Fact]
    public void Render_Custom_ShowsFirstAndLastDayWithTheRange()
    {
        var picker = Render(new PeriodChoice(SpendPeriodKind.Custom, new DateOnly(2026, 3, 4), Today));

        Assert.Equal(["Custom"], Pressed(picker));
        Assert.Equal("2026-03-04", DateInput(picker, "First day").GetAttribute("value"));
        Assert.Equal("2026-03-10", DateInput(picker, "Last day").GetAttribute("value"));
    }

    [Fact]
    public async Task ChangeFirstDay_RaisesTheRangeFromThatDay()
    {
        var picker = Render(new PeriodChoice(SpendPeriodKind.Custom, new DateOnly(2026, 3, 4), Today));

        await DateInput(picker, "First day").ChangeAsync(new() { Value = "2026-02-15" });

        Assert.Equal([new PeriodChoice(SpendPeriodKind.Custom, new DateOnly(2026, 2, 15), Today)], raised);
    }

    [Fact]
    public async Task ChangeLastDay_RaisesTheRangeToThatDay()
    {
        var picker = Render(new PeriodChoice(SpendPeriodKind.Custom, new DateOnly(2026, 3, 4), Today));

        await DateInput(picker, "Last day").ChangeAsync(new() { Value = "2026-03-08" });

        Assert.Equal([new PeriodChoice(SpendPeriodKind.Custom, new DateOnly(2026, 3, 4), new DateOnly(2026, 3, 8))], raised);
    }

    private IRenderedComponent<PeriodPicker> Render(PeriodChoice value) => Render<PeriodPicker>(p => p
        .Add(c => c.Value, value)
        .Add(c => c.Today, Today)
        .Add(c => c.ValueChanged, (PeriodChoice v) => raised.Add(v)));

    private static AngleSharp.Dom.IElement Button(IRenderedComponent<PeriodPicker> picker, string text) =>
        picker.FindAll("button").Single(b => b.TextContent.Trim() == text);

    private static string[] Pressed(IRenderedComponent<PeriodPicker> picker) =>
        picker.FindAll("[aria-label='Period'] button[aria-checked=true]").Select(b => b.TextContent.Trim()).ToArray();

    /// <summary>The date input a label points at, as a user (or a screen reader) finds it.</summary>
    private static AngleSharp.Dom.IElement DateInput(IRenderedComponent<PeriodPicker> picker, string label)
    {
        var id = picker.FindAll("label").Single(l => l.TextContent.Trim() == label).GetAttribute("for");
        return picker.Find($"input[type=date]#{id}");
    }
}
