namespace TrainingProgram.EnrollmentApi.Waitlist;

public static class WaitlistRegistration
{
    public static IServiceCollection AddWaitlists(this IServiceCollection services)
    {
        services.AddOptions<WaitlistOptions>().BindConfiguration(WaitlistOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<OfferExpiry>();
        return services
            .AddScoped<FreedSeats>()
            .AddScoped<JoinWaitlist>()
            .AddScoped<AcceptOffer>()
            .AddScoped<LeaveWaitlist>()
            .AddScoped<ExpireOffers>();
    }
}
