using System.ComponentModel.DataAnnotations;
using TrainingProgram.EnrollmentApi.Waitlist;

namespace TrainingProgram.EnrollmentApi.Courses;

/// <summary>PATCH /courses/{id}: what is absent stays as it is.</summary>
public sealed record ChangeCourseRequest(
    [Range(1, Course.MaxCapacity)]
    int? Capacity = null,
    [Range(0, Course.MaxWaitlistCapacity)]
    int? WaitlistCapacity = null,
    [EnumDataType(typeof(WaitlistPromotion))]
    WaitlistPromotion? WaitlistPromotion = null);
