using TrainingProgram.NotificationService.Email;

namespace TrainingProgram.UnitTests.Notifications;

public sealed class SmtpEndpointTests
{
    [Theory]
    [InlineData("Endpoint=smtp://127.0.0.1:2525", "127.0.0.1", 2525)]
    [InlineData("endpoint=smtp://mail.example:587;", "mail.example", 587)]
    [InlineData("smtp://localhost:1025", "localhost", 1025)]
    [InlineData("Endpoint=smtp://mail.example", "mail.example", 25)]
    public void The_mail_connection_string_names_host_and_port(string connectionString, string host, int port) =>
        Assert.Equal(new SmtpEndpoint(host, port), SmtpEndpoint.Parse(connectionString));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Host=mail.example")]
    [InlineData("Endpoint=http://mail.example:25")]
    [InlineData("Endpoint=not a uri")]
    public void Anything_else_is_refused_with_a_message_that_shows_the_expected_form(string? connectionString)
    {
        var error = Assert.Throws<FormatException>(() => SmtpEndpoint.Parse(connectionString));

        Assert.Contains("Endpoint=smtp://host:port", error.Message, StringComparison.Ordinal);
    }
}
