using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;
using SpendOps.Core.Keys;
using SpendOps.Proxy.Auth;
using SpendOps.Web.Portal;

namespace SpendOps.Web.Components.Pages.Connect;

/// <summary>
/// Snippets for the chosen key and provider with this deployment's base URL, and a dry run of the proxy's checks.
/// The key's secret is not stored, so snippets carry a placeholder (<see cref="PlaceholderKey"/>); the full key only
/// appears in the dialog shown once after creation or rotation.
/// </summary>
public sealed partial class Connect
{
    private const string NoKeyPlaceholder = "aso_k_YOUR_KEY_ID.YOUR_SECRET";

    private IReadOnlyList<ApiKeySummary> summaries = [];
    private List<KeyOption> keys = [];
    private List<ProviderOption> providerOptions = [];
    private string? selectedKeyId;
    private ApiKeySummary? selectedKey;
    private ProviderSetup provider = ProviderSetup.For("openai");
    private string model = "";
    private string dims = "";
    private string fullKey = "";
    private IReadOnlyList<SnippetGroup> groups = [];
    private int selectedTab;
    private DryRunResult? testResult;
    private string? testedOtherKey;
    private bool testing;
    private bool isAdmin;

    [SupplyParameterFromQuery(Name = "key")]
    public string? KeyQuery { get; set; }

    [Inject]
    private TenantContext Tenant { get; set; } = null!;

    [Inject]
    private IDbContextFactory<SpendOpsDbContext> Contexts { get; set; } = null!;

    [Inject]
    private ProxyDryRun DryRun { get; set; } = null!;

    [Inject]
    private NavigationManager Navigation { get; set; } = null!;

    private string BaseUrl => Navigation.BaseUri.TrimEnd('/');

    private string PlaceholderKey => selectedKey is null ? NoKeyPlaceholder : $"{ApiKeyFormat.Prefix}{selectedKey.Id}.YOUR_SECRET";

    protected override async Task OnInitializedAsync()
    {
        var tenantId = await Tenant.GetTenantIdAsync();
        isAdmin = await Tenant.IsInRoleAsync(Core.Tenancy.Roles.Admin) || await Tenant.IsGlobalAdminAsync();
        await using (var db = await Contexts.CreateDbContextAsync())
            summaries = await ApiKeyQueries.ListAsync(db, tenantId, CancellationToken.None);
        keys = summaries.Select(k => new KeyOption(k.Id, k.Status == ApiKeyStatus.Active ? $"{k.Name} ({k.Id})" : $"{k.Name} ({k.Id}, disabled)")).ToList();
        var initial = summaries.FirstOrDefault(k => k.Id == KeyQuery) ?? summaries.FirstOrDefault(k => k.Status == ApiKeyStatus.Active);
        SelectKey(initial?.Id);
    }

    private void SelectKey(string? id)
    {
        selectedKeyId = id;
        selectedKey = summaries.FirstOrDefault(k => k.Id == id);
        provider = PreferredProvider(selectedKey, provider);
        dims = DefaultDims(selectedKey);
        model = DefaultModel(selectedKey, provider);
        Rebuild();
    }

    // As for the provider: the same key reported again keeps the dims typed and the test result.
    private void KeyChosen(string? id)
    {
        if (id != selectedKeyId)
            SelectKey(id);
    }

    private void SelectProvider(string name)
    {
        // The select can report the current value again (as its list closes): that must not reset the model or the test result.
        if (string.Equals(name, provider.Name, StringComparison.OrdinalIgnoreCase))
            return;
        provider = ProviderSetup.For(name);
        model = DefaultModel(selectedKey, provider);
        selectedTab = 0;
        Rebuild();
    }

    private void InputsChanged() => Rebuild();

    private void Rebuild()
    {
        testResult = null;
        testedOtherKey = null;
        var allowed = selectedKey?.Policy.AllowedProviders ?? [];
        providerOptions = ProviderSetup.All
            .Select(p => new ProviderOption(p.Name, allowed.Count == 0 || allowed.Contains(p.Name) ? $"{p.Info.DisplayName} ({p.Name})" : $"{p.Info.DisplayName} ({p.Name}, not allowed by this key)"))
            .ToList();
        groups = ConnectSnippets.Build(new ConnectInput(BaseUrl, provider, PlaceholderKey, dims, string.IsNullOrWhiteSpace(model) ? provider.DefaultModel : model.Trim()));
        if (selectedTab >= groups.Count)
            selectedTab = 0;
    }

    private async Task TestAsync()
    {
        testing = true;
        try
        {
            var tenantId = await Tenant.GetTenantIdAsync();
            var request = new DryRunRequest(tenantId, selectedKey?.Id ?? "", provider.Name, provider.CallPath(model.Trim()), model, dims)
            {
                FullKey = string.IsNullOrWhiteSpace(fullKey) ? null : fullKey.Trim(),
            };
            testResult = await DryRun.EvaluateAsync(request, CancellationToken.None);
            testedOtherKey = request.FullKey is not null && ApiKeyFormat.TryParse(request.FullKey, out var id, out _) && id != selectedKey?.Id ? id : null;
        }
        finally
        {
            testing = false;
        }
    }

    /// <summary>
    /// Keeps the current provider if the key allows it and its usual model, else the first allowed provider whose usual
    /// model the key allows (a key for claude-* lands on Anthropic), else the first allowed one.
    /// </summary>
    private static ProviderSetup PreferredProvider(ApiKeySummary? key, ProviderSetup current)
    {
        var allowed = key?.Policy.AllowedProviders is { Count: > 0 } list ? list.Select(ProviderSetup.For).ToList() : ProviderSetup.All.ToList();
        var patterns = key?.Policy.AllowedModels ?? [];
        bool ModelAllowed(ProviderSetup p) => patterns.Count == 0 || patterns.Any(m => new ModelPattern(m).Matches(p.DefaultModel));
        if (allowed.Contains(current) && ModelAllowed(current))
            return current;
        return allowed.FirstOrDefault(ModelAllowed) ?? (allowed.Contains(current) ? current : allowed[0]);
    }

    private static string DefaultDims(ApiKeySummary? key)
    {
        var required = key?.Policy.RequiredDims ?? [];
        if (required.Count > 0)
            return string.Join(',', required.Select(ExampleDims.For));
        var allowed = key?.Policy.AllowedDims;
        return allowed is null || allowed.ContainsKey("team") ? ExampleDims.For("team") : "";
    }

    /// <summary>The provider's usual model, unless the key's patterns exclude it and name a model outright.</summary>
    private static string DefaultModel(ApiKeySummary? key, ProviderSetup setup)
    {
        var patterns = key?.Policy.AllowedModels ?? [];
        if (patterns.Count == 0 || patterns.Any(p => new ModelPattern(p).Matches(setup.DefaultModel)))
            return setup.DefaultModel;
        return patterns.FirstOrDefault(p => !p.Contains('*') && !p.Contains('?')) ?? setup.DefaultModel;
    }

    private string KeyLabel(string? id) => keys.FirstOrDefault(k => k.Id == id)?.Label ?? "";

    private string ProviderLabel(string? name) => providerOptions.FirstOrDefault(p => p.Name == name)?.Label ?? name ?? "";

    private sealed record KeyOption(string Id, string Label);

    private sealed record ProviderOption(string Name, string Label);
}
