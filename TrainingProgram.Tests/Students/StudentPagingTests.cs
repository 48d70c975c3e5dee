using TrainingProgram.Tests.EnrollmentApi;
using TrainingProgram.Tests.Infrastructure;

namespace TrainingProgram.Tests.Students;

/// <summary>Paging over every student: on the isolated topology, where no other test adds students meanwhile.</summary>
[Collection(IsolatedTopology.Name)]
public sealed class StudentPagingTests(IsolatedApp topology) : IAsyncLifetime
{
    private readonly EnrollmentApiClient _api = EnrollmentApiClient.For(topology);
    private EnrollmentDatabase _db = null!;

    public async ValueTask InitializeAsync() => _db = await EnrollmentDatabase.ConnectAsync(topology);

    public async ValueTask DisposeAsync()
    {
        _api.Dispose();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task The_student_list_is_paged_oldest_first()
    {
        var created = new List<StudentJson>();
        for (var i = 0; i < 3; i++)
        {
            created.Add(await _api.CreateStudentAsync());
        }

        var total = await _db.CountAllStudentsAsync();
        var lastPage = (int)((total + 1) / 2);
        var page = await _api.GetAsync<PageJson<StudentJson>>($"/students?page={lastPage}&pageSize=2");
        var previous = await _api.GetAsync<PageJson<StudentJson>>($"/students?page={lastPage - 1}&pageSize=2");
        var defaults = await _api.GetAsync<PageJson<StudentJson>>("/students");

        Assert.NotNull(page);
        Assert.Equal((lastPage, 2, (int)total), (page.Page, page.PageSize, page.TotalCount));
        Assert.NotNull(previous);
        Assert.Equal(created, previous.Items.Concat(page.Items).TakeLast(3));
        Assert.NotNull(defaults);
        Assert.Equal((1, 20), (defaults.Page, defaults.PageSize));
        Assert.Equal(Math.Min(20, (int)total), defaults.Items.Count);
    }
}
