using System.ComponentModel.DataAnnotations;
using TrainingProgram.EnrollmentApi.Waitlist;
using TrainingProgram.ServiceDefaults.Validation;

namespace TrainingProgram.EnrollmentApi.Courses;

public sealed record CreateCourseRequest(
    [Required, StringLength(Course.CodeMaxLength, MinimumLength = 2), RegularExpression("^[A-Za-z0-9-]+$", ErrorMessage = "The course code may contain only letters, digits and '-'.")]
    string Code,
    [Required, StringLength(Course.TitleMaxLength), PlainText]
    string Title,
    [Range(Course.MinCredits, Course.MaxCredits)]
    int Credits,
    [Range(1, Course.MaxCapacity)]
    int Capacity,
    DateTimeOffset? EnrollmentOpensAt = null,
    DateTimeOffset? EnrollmentClosesAt = null,
    [Range(0, Course.MaxWaitlistCapacity)]
    int WaitlistCapacity = 0,
    [EnumDataType(typeof(WaitlistPromotion))]
    WaitlistPromotion WaitlistPromotion = WaitlistPromotion.Offer) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (EnrollmentOpensAt is { } opens && EnrollmentClosesAt is { } closes && opens >= closes)
        {
            yield return new ValidationResult(
                "The enrollment window must open before it closes.",
                [nameof(EnrollmentClosesAt)]);
        }
    }

    /// <summary>Codes are stored upper-case so that "cs101" and "CS101" are one course.</summary>
    public Course ToCourse(DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Code = Code.Trim().ToUpperInvariant(),
        Title = Title.Trim(),
        Credits = Credits,
        Capacity = Capacity,
        EnrollmentOpensAt = EnrollmentOpensAt?.ForDatabase(),
        EnrollmentClosesAt = EnrollmentClosesAt?.ForDatabase(),
        WaitlistCapacity = WaitlistCapacity,
        WaitlistPromotion = WaitlistPromotion,
        CreatedAt = now,
    };
}
