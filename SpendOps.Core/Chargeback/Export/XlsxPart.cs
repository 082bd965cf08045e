using DocumentFormat.OpenXml;

namespace SpendOps.Core.Chargeback.Export;

/// <summary>One part of an <see cref="XlsxPackage"/> being written; disposing it ends the XML and closes the zip entry.</summary>
internal sealed class XlsxPart(Stream entry) : IDisposable
{
    public OpenXmlWriter Writer { get; } = OpenXmlWriter.Create(entry);

    public void Dispose()
    {
        Writer.Close();
        entry.Dispose();
    }
}
