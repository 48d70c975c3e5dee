namespace TrainingProgram.Testing.SignIn;

/// <summary>
/// An access token that renews itself halfway through its lifetime, as a well-behaved client does. While the
/// identity provider cannot issue one (a test stopped postgres), the current token serves until shortly before it
/// expires.
/// </summary>
public sealed class RenewingToken : IDisposable
{
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RenewalPatience = TimeSpan.FromSeconds(5);
    private readonly Func<TokenSet?, Task<TokenSet>> _obtain;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private TokenSet? _current;
    private DateTimeOffset _renewAt;
    private DateTimeOffset _expiresAt;

    /// <param name="obtain">Gets a fresh token set, given the current one (null the first time), e.g. by its refresh token.</param>
    public RenewingToken(Func<TokenSet?, Task<TokenSet>> obtain) => _obtain = obtain;

    /// <summary>The current token set, null before the first request.</summary>
    public TokenSet? Current => _current;

    /// <summary>The access token to send now.</summary>
    public async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = DateTimeOffset.UtcNow;
            if (_current is null || now >= _renewAt)
            {
                if (_current is not null && now < _expiresAt - ExpiryMargin)
                {
                    try
                    {
                        // With a token still good in hand, a renewal that hangs (the provider's database stopped) must
                        // not hold every request behind this lock for the HTTP timeout.
                        Use(await _obtain(_current).WaitAsync(RenewalPatience, cancellationToken), now);
                    }
                    catch (Exception) when (!cancellationToken.IsCancellationRequested)
                    {
                        // Keep the one in hand; the next request tries again.
                    }
                }
                else
                {
                    Use(await _obtain(_current).WaitAsync(cancellationToken), now);
                }
            }

            return _current!.AccessToken;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    private void Use(TokenSet tokens, DateTimeOffset now)
    {
        _current = tokens;
        _renewAt = now.AddSeconds(tokens.ExpiresIn / 2.0);
        _expiresAt = now.AddSeconds(tokens.ExpiresIn);
    }
}
