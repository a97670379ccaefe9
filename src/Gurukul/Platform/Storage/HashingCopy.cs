using System.Buffers;
using System.Security.Cryptography;

namespace Gurukul.Platform.Storage;

/// <summary>Copies a stream once while measuring it, so size and SHA-256 describe exactly the bytes that were stored.</summary>
internal static class HashingCopy
{
    public static async Task<(long SizeBytes, string Sha256)> CopyAsync(Stream source, Stream target, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            long size = 0;
            int read;
            while ((read = await source.ReadAsync(buffer.AsMemory(), cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                size += read;
            }

            return (size, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
