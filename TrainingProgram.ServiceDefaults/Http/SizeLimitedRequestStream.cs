using Microsoft.AspNetCore.Http;

namespace TrainingProgram.ServiceDefaults.Http;

/// <summary>
/// A request body that throws a 413 <see cref="BadHttpRequestException"/> instead of yielding more than
/// <c>maxBytes</c>; a declared length over the limit throws on the first read, before anything is read.
/// </summary>
internal sealed class SizeLimitedRequestStream(Stream inner, long maxBytes, long? declaredLength) : Stream
{
    private long _read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        ThrowIfDeclaredTooLarge();
        return Count(inner.Read(buffer, offset, count));
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ThrowIfDeclaredTooLarge();
        return Count(await inner.ReadAsync(buffer, cancellationToken));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private void ThrowIfDeclaredTooLarge()
    {
        if (declaredLength > maxBytes)
        {
            throw TooLarge();
        }
    }

    private int Count(int read)
    {
        _read += read;
        return _read > maxBytes ? throw TooLarge() : read;
    }

    private BadHttpRequestException TooLarge() =>
        new($"Request body too large. The max request body size is {maxBytes} bytes.", StatusCodes.Status413PayloadTooLarge);
}
