using System.Text.RegularExpressions;
using TrainingProgram.AppHost.Infrastructure;
using TrainingProgram.Messaging.Consuming;
using TrainingProgram.Messaging.Topology;

namespace TrainingProgram.UnitTests.Topology;

/// <summary>The broker users' permissions cover the names the messaging library declares, and no more than needed.</summary>
public sealed class BrokerPermissionsTests
{
    private static readonly ConsumerTopology Notifications = new("notification-service.enrollments",
        [new QueueBinding(EnrollmentEventsTopology.Exchange, EnrollmentEventsTopology.AllEnrollmentEvents)]);

    private static readonly string[] NotificationQueues =
        [Notifications.Queue, Notifications.DeadLetterQueue, .. RetrySchedule.From(new ConsumerOptions()).Tiers.Select(Notifications.RetryQueueName)];

    [Fact]
    public void The_notification_service_may_declare_bind_and_consume_all_its_queues_and_publish_its_retries()
    {
        var permissions = BrokerPermissions.EnrollmentEventsConsumer;

        Assert.All([.. NotificationQueues, EnrollmentEventsTopology.Exchange, DeadLetterTopology.Exchange],
            name => Assert.Matches(permissions.Configure, name));
        Assert.All(NotificationQueues, name => Assert.Matches(permissions.Write, name));
        Assert.All([.. NotificationQueues, EnrollmentEventsTopology.Exchange, DeadLetterTopology.Exchange], name => Assert.Matches(permissions.Read, name));
        Assert.Matches(permissions.Write, "amq.default"); // retries and replays go through the default exchange
        Assert.DoesNotMatch(permissions.Write, EnrollmentEventsTopology.Exchange);
        Assert.DoesNotMatch(permissions.Configure, "notification-service");
    }

    [Fact]
    public void The_enrollment_api_may_declare_and_publish_to_the_enrollments_exchange_only()
    {
        var permissions = BrokerPermissions.EnrollmentEventsPublisher;

        Assert.Matches(permissions.Configure, EnrollmentEventsTopology.Exchange);
        Assert.Matches(permissions.Write, EnrollmentEventsTopology.Exchange);
        Assert.All([.. NotificationQueues, DeadLetterTopology.Exchange, "amq.default"], name =>
        {
            Assert.DoesNotMatch(permissions.Configure, name);
            Assert.DoesNotMatch(permissions.Write, name);
            Assert.DoesNotMatch(permissions.Read, name);
        });
        Assert.DoesNotMatch(permissions.Read, EnrollmentEventsTopology.Exchange);
        Assert.True(Regex.IsMatch("", permissions.Read), "read matches only the empty name, as RabbitMQ's 'nothing' does");
    }
}
