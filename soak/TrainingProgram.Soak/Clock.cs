using System.Globalization;

namespace TrainingProgram.Soak;

public static class Clock
{
    /// <summary>+mm:ss from the start of the load (minutes past 59 keep counting), as the output and the report show times.</summary>
    public static string Format(TimeSpan sinceStart) => string.Create(CultureInfo.InvariantCulture,
        $"{(sinceStart < TimeSpan.Zero ? "-" : "+")}{(int)sinceStart.Duration().TotalMinutes:00}:{sinceStart.Duration().Seconds:00}");

    /// <summary>+mm:ss.f, for moments a second apart.</summary>
    public static string FormatTenths(TimeSpan sinceStart) => string.Create(CultureInfo.InvariantCulture,
        $"{Format(sinceStart)}.{sinceStart.Duration().Milliseconds / 100}");
}
