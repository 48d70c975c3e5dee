namespace TrainingProgram.EnrollmentApi.Paging;

public static class PageDepthLimit
{
    /// <summary>
    /// Refuses, with a 400 validation problem and before the handler runs, a page whose items lie beyond
    /// <see cref="PageRequest.MaxDepth"/> on every endpoint of <paramref name="builder"/> that takes page and pageSize.
    /// </summary>
    public static TBuilder LimitPageDepth<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory((factory, next) =>
        {
            var parameters = factory.MethodInfo.GetParameters();
            var page = Array.FindIndex(parameters, p => p.Name == "page" && p.ParameterType == typeof(int?));
            var pageSize = Array.FindIndex(parameters, p => p.Name == "pageSize" && p.ParameterType == typeof(int?));
            if (page < 0 || pageSize < 0)
            {
                return next;
            }

            return invocation =>
            {
                var request = PageRequest.Of(invocation.GetArgument<int?>(page), invocation.GetArgument<int?>(pageSize));
                return request.IsTooDeep ? ValueTask.FromResult<object?>(ApiProblems.PageTooDeep(request)) : next(invocation);
            };
        });
}
