using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using SpendOps.Core.Tenancy;

namespace SpendOps.Web.Components.Pages.Keys;

/// <summary>
/// Name, providers, model patterns, dimensions, stream-usage opt-in and expiry of a key, validated inline as the
/// user types (the same rules the service applies on save), for both creating and editing keys.
/// </summary>
public sealed partial class KeyPolicyForm : IDisposable
{
    private EditContext editContext = null!;
    private ValidationMessageStore messages = null!;
    private KeyPolicyInput? boundModel;
    private string? formError;
    private bool saving;

    [Inject]
    private TimeProvider Clock { get; set; } = null!;

    [Parameter, EditorRequired]
    public KeyPolicyInput Model { get; set; } = null!;

    [Parameter]
    public string SubmitText { get; set; } = "Save";

    /// <summary>Saves the form; returns null on success or the message to show (e.g. a <c>DomainException</c>'s).</summary>
    [Parameter, EditorRequired]
    public Func<KeyPolicyInput, Task<string?>> OnSave { get; set; } = null!;

    [Parameter]
    public EventCallback OnCancel { get; set; }

    /// <summary>The tenant's dimension catalogue, shown read-only so admins see what every key inherits.</summary>
    [Parameter]
    public TenantDimsPolicy? TenantDims { get; set; }


    protected override void OnParametersSet()
    {
        if (ReferenceEquals(boundModel, Model))
            return;
        if (boundModel is not null)
            Detach();
        boundModel = Model;
        editContext = new EditContext(Model);
        messages = new ValidationMessageStore(editContext);
        editContext.OnFieldChanged += OnFieldChanged;
        editContext.OnValidationRequested += OnValidationRequested;
    }

    private bool IsSelected(string provider) => Model.Providers.Contains(provider);

    private void ToggleProvider(string provider, bool selected)
    {
        Model.Providers = selected ? Model.Providers.Append(provider).Distinct().ToList() : Model.Providers.Where(p => p != provider).ToList();
        editContext.NotifyFieldChanged(editContext.Field(nameof(KeyPolicyInput.Providers)));
    }

    private void OnFieldChanged(object? sender, FieldChangedEventArgs e)
    {
        formError = null;
        // Dimension fields depend on each other (a required name must be allowed), so they are checked together.
        var related = e.FieldIdentifier.FieldName is nameof(KeyPolicyInput.RequiredDims) or nameof(KeyPolicyInput.AllowedDims)
            ? new[] { nameof(KeyPolicyInput.RequiredDims), nameof(KeyPolicyInput.AllowedDims) }
            : [e.FieldIdentifier.FieldName];
        foreach (var field in related)
            messages.Clear(editContext.Field(field));
        foreach (var (field, message) in Model.Validate(Clock.GetUtcNow()).Where(p => related.Contains(p.Field)))
            messages.Add(editContext.Field(field), message);
        editContext.NotifyValidationStateChanged();
    }

    private void OnValidationRequested(object? sender, ValidationRequestedEventArgs e)
    {
        messages.Clear();
        foreach (var (field, message) in Model.Validate(Clock.GetUtcNow()))
            messages.Add(editContext.Field(field), message);
    }

    private async Task SubmitAsync()
    {
        formError = null;
        if (!editContext.Validate())
            return;
        saving = true;
        try
        {
            formError = await OnSave(Model);
        }
        finally
        {
            saving = false;
        }
    }

    private void Detach()
    {
        editContext.OnFieldChanged -= OnFieldChanged;
        editContext.OnValidationRequested -= OnValidationRequested;
    }

    public void Dispose()
    {
        if (boundModel is not null)
            Detach();
    }
}
