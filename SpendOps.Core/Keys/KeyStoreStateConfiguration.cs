using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SpendOps.Core.Keys;

internal sealed class KeyStoreStateConfiguration : IEntityTypeConfiguration<KeyStoreState>
{
    public void Configure(EntityTypeBuilder<KeyStoreState> builder)
    {
        builder.ToTable("KeyStoreState");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.HashSecretCheck).HasMaxLength(64);
        builder.HasData(new KeyStoreState { Id = KeyStoreState.RowId, ChangeVersion = 0 });
    }
}
