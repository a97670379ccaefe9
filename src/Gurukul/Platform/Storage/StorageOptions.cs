namespace Gurukul.Platform.Storage;

/// <summary>The <c>Storage</c> configuration section.</summary>
public sealed class StorageOptions
{
    public LocalStorageOptions Local { get; set; } = new();
    public S3StorageOptions S3 { get; set; } = new();
}

public sealed class LocalStorageOptions
{
    /// <summary>The directory that holds every file; default <c>&lt;Gurukul:DataDirectory&gt;/files</c>.</summary>
    public string? Root { get; set; }
}

public sealed class S3StorageOptions
{
    /// <summary>An S3-compatible endpoint (MinIO, Ceph, R2 …); empty means AWS itself in <see cref="Region"/>.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>Files go to S3 exactly when this is set.</summary>
    public string? Bucket { get; set; }

    /// <summary>With <see cref="SecretKey"/>; when empty, the AWS SDK's usual credential chain (environment, instance role) applies.</summary>
    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }
    public string Region { get; set; } = "us-east-1";

    /// <summary>Path-style URLs (<c>host/bucket/key</c>): most S3-compatible servers need them; AWS accepts both.</summary>
    public bool ForcePathStyle { get; set; } = true;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Bucket);
}
