namespace TrainingProgram.Soak;

/// <summary>One planned outage: stop <see cref="Resource"/> (for the API, replica number <see cref="Replica"/>) at <see cref="At"/> into the load, for <see cref="Down"/>.</summary>
public sealed record PlannedFault(TimeSpan At, string Resource, int Replica, TimeSpan Down)
{
    public TimeSpan Until => At + Down;
}

/// <summary>
/// A seeded, random schedule of outages: mostly short (5-20 s), and in runs of 10 minutes or more now and then one
/// longer than the Notification Service's whole retry schedule (~2.7 minutes), at most two at once and never two of
/// one resource; the last one ends in time for its resource to be back before the load stops.
/// </summary>
public static class FaultPlan
{
    public static readonly string[] Resources = ["postgres", "messaging", "mail", "notification-service", SoakTopology.EnrollmentApi];

    public const int MostAtOnce = 2;

    private static readonly TimeSpan FirstAfter = TimeSpan.FromSeconds(10);

    /// <summary>Time left after a fault's planned end for its stop and start commands (a broker takes ~8 s to come back).</summary>
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(20);

    private static readonly TimeSpan LongRunsFrom = TimeSpan.FromMinutes(10);

    public static IReadOnlyList<PlannedFault> Create(Random random, TimeSpan load)
    {
        var plan = new List<PlannedFault>();
        var at = FirstAfter + Seconds(random, 0, 10);
        while (true)
        {
            var active = plan.Where(f => f.Until > at).ToList();
            if (active.Count >= MostAtOnce)
            {
                at = active.Min(f => f.Until) + TimeSpan.FromSeconds(1);
                continue;
            }

            var isLong = load >= LongRunsFrom && random.NextDouble() < 0.06 && active.All(f => f.Down < TimeSpan.FromMinutes(1));
            var down = isLong ? Seconds(random, 185, 300) : Seconds(random, 5, 20);
            if (at + down + Recovery > load)
            {
                if (isLong)
                {
                    continue;
                }

                break;
            }

            var candidates = Resources.Where(r => active.All(f => f.Resource != r)).ToList();
            plan.Add(new PlannedFault(at, candidates[random.Next(candidates.Count)], random.Next(2), down));
            at += Seconds(random, 5, 40);
        }

        return plan;
    }

    private static TimeSpan Seconds(Random random, int from, int to) => TimeSpan.FromSeconds(from + random.NextDouble() * (to - from));
}
