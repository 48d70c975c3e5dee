using TrainingProgram.Tests.Infrastructure;

// The test classes that leave the servers running share one topology for the whole run, and run side by side: starting
// one costs ~30-40 s of two cores, and every test makes its own students, courses, events and addresses, so they cannot
// disturb each other. A test that needs to know that nothing else happens runs on IsolatedTopology instead.
[assembly: AssemblyFixture(typeof(TrainingProgramApp))]
[assembly: ResourceLogsOnFailure]
