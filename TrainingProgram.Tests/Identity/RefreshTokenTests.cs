using System.Net;
using TrainingProgram.Tests.Infrastructure;

namespace TrainingProgram.Tests.Identity;

/// <summary>Refresh tokens rotate: each is good once, and a second use ends every token of that sign-in.</summary>
public sealed class RefreshTokenTests(TrainingProgramApp topology)
{
    /// <summary>The kit's client of the topology's identity provider.</summary>
    private IdentityProvider Tokens => topology.Identity;

    [Fact]
    public async Task A_refresh_token_used_twice_is_refused_and_the_token_issued_for_it_stops_working_too()
    {
        var student = await topology.CreateStudentAsync();
        var first = await Tokens.SignInAsync(student.StudentNumber, student.Password);
        var second = await Tokens.RefreshAsync(first.RefreshToken!);
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);

        await AssertRefusedAsync(first.RefreshToken!);
        await AssertRefusedAsync(second.RefreshToken!);

        // Another sign-in of the same student is a chain of its own.
        var again = await Tokens.SignInAsync(student.StudentNumber, student.Password);
        await Tokens.RefreshAsync(again.RefreshToken!);
    }

    private async Task AssertRefusedAsync(string refreshToken)
    {
        using var response = await Tokens.PostTokenRequestAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = IdentityProvider.WebClientId,
            ["refresh_token"] = refreshToken,
        });
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"expected 400, got {(int)response.StatusCode}: {body}");
        Assert.Contains("invalid_grant", body, StringComparison.Ordinal);
    }
}
