namespace TrainingProgram.Testing.Mail;

/// <summary>One message in the development inbox, as smtp4dev lists it.</summary>
/// <param name="Id">smtp4dev's id, for <see cref="DevInbox.LoadAsync"/>.</param>
/// <param name="From">The sender.</param>
/// <param name="To">The recipients.</param>
/// <param name="Subject">The decoded subject.</param>
public sealed record InboxMessage(Guid Id, string From, string[] To, string Subject)
{
    /// <inheritdoc />
    public override string ToString() => $"\"{Subject}\" to {string.Join(", ", To)}";
}
