namespace TrainingProgram.EnrollmentApi.Waitlist;

/// <param name="Position">1 for the next in line; null unless waiting.</param>
/// <param name="OfferExpiresAt">The claim deadline of an offer: accept before it (POST /waitlist/{id}/accept).</param>
/// <param name="EnrollmentId">The enrollment the entry became, once enrolled.</param>
public sealed record WaitlistEntryResponse(
    Guid Id,
    Guid StudentId,
    Guid CourseId,
    WaitlistEntryStatus Status,
    int? Position,
    DateTimeOffset JoinedAt,
    DateTimeOffset? OfferedAt,
    DateTimeOffset? OfferExpiresAt,
    DateTimeOffset? ClosedAt,
    Guid? EnrollmentId)
{
    public static WaitlistEntryResponse From(WaitlistEntry entry, int? position) => new(
        entry.Id, entry.StudentId, entry.CourseId, entry.Status, entry.Status == WaitlistEntryStatus.Waiting ? position : null,
        entry.JoinedAt, entry.OfferedAt, entry.OfferExpiresAt, entry.ClosedAt, entry.EnrollmentId);
}
