namespace TrainingProgram.EnrollmentApi.Paging;

public static class PagingExtensions
{
    /// <summary>One page of an already ordered query, with the total count of the whole query.</summary>
    public static async Task<PagedList<TResponse>> ToPagedListAsync<TEntity, TResponse>(
        this IOrderedQueryable<TEntity> ordered,
        PageRequest page,
        Func<TEntity, TResponse> toResponse,
        CancellationToken cancellationToken)
        where TEntity : class
    {
        var totalCount = await ordered.CountAsync(cancellationToken);
        var items = await ordered.Skip(page.Skip).Take(page.PageSize).AsNoTracking().ToListAsync(cancellationToken);
        return new PagedList<TResponse>([.. items.Select(toResponse)], page.Page, page.PageSize, totalCount);
    }
}
