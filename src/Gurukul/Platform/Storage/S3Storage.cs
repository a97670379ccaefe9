using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Gurukul.Platform.Storage;

/// <summary>
/// Files in one bucket of S3 or an S3-compatible server, selected when <c>Storage:S3:Bucket</c> is set, so any number of
/// app nodes share them (ARCHITECTURE §4). Never logs credentials.
/// </summary>
public sealed partial class S3Storage : IFileStorage, IDisposable
{
    private readonly AmazonS3Client _client;
    private readonly string _bucket;
    private readonly IClock _clock;
    private readonly ILogger<S3Storage> _logger;

    public S3Storage(IOptions<StorageOptions> options, IClock clock, ILogger<S3Storage> logger)
    {
        var s3 = options.Value.S3;
        _bucket = s3.Bucket ?? throw new InvalidOperationException("Storage:S3:Bucket is not set.");
        _clock = clock;
        _logger = logger;
        var config = new AmazonS3Config
        {
            ForcePathStyle = s3.ForcePathStyle,
            // The SDK's default since 4.0 sends CRC checksums in chunked trailers, which S3-compatible servers often
            // reject; the SHA-256 kept with each file is Gurukul's own integrity check.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (!string.IsNullOrWhiteSpace(s3.ServiceUrl))
        {
            config.ServiceURL = s3.ServiceUrl;
            config.AuthenticationRegion = s3.Region;
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(s3.Region);
        }

        _client = string.IsNullOrEmpty(s3.AccessKey)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(s3.AccessKey, s3.SecretKey), config);
        LogUsing(logger, _bucket, string.IsNullOrWhiteSpace(s3.ServiceUrl) ? $"AWS {s3.Region}" : s3.ServiceUrl);
    }

    public async Task<StoredFile> SaveAsync(string area, Stream content, string contentType, CancellationToken cancellationToken)
    {
        var key = StorageKeys.New(area, _clock.GetCurrentInstant());
        // Spooled to a temporary file first: S3 wants the length up front, and size and hash must be known before the
        // object exists. The file deletes itself when closed.
        var temp = Path.Combine(Path.GetTempPath(), "gurukul-s3-" + Guid.NewGuid().ToString("N"));
        await using var spool = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920,
            FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        var (size, sha256) = await HashingCopy.CopyAsync(content, spool, cancellationToken);
        spool.Position = 0;
        await _client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _bucket,
            Key = key,
            InputStream = spool,
            AutoCloseStream = false,
            ContentType = contentType,
            // A plain signed body: aws-chunked uploads are not understood by every S3-compatible server.
            UseChunkEncoding = false,
        }, cancellationToken);
        LogSaved(_logger, key, size);
        return new StoredFile(key, contentType, size, sha256);
    }

    public async Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        StorageKeys.EnsureSafe(key);
        try
        {
            // The response stream owns the HTTP response: disposing the stream releases the connection.
            var response = await _client.GetObjectAsync(_bucket, key, cancellationToken);
            return response.ResponseStream;
        }
        catch (AmazonS3Exception exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        StorageKeys.EnsureSafe(key);
        await _client.DeleteObjectAsync(_bucket, key, cancellationToken);
        LogDeleted(_logger, key);
    }

    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        StorageKeys.EnsureSafe(key);
        try
        {
            await _client.GetObjectMetadataAsync(_bucket, key, cancellationToken);
            return true;
        }
        catch (AmazonS3Exception exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    public void Dispose() => _client.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Files are stored in S3 bucket {Bucket} at {Endpoint}")]
    private static partial void LogUsing(ILogger logger, string bucket, string endpoint);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stored file {Key} ({SizeBytes} bytes) in S3")]
    private static partial void LogSaved(ILogger logger, string key, long sizeBytes);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Deleted file {Key} from S3")]
    private static partial void LogDeleted(ILogger logger, string key);
}
