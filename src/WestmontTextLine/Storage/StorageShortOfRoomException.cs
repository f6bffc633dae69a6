namespace WestmontTextLine.Storage;

/// <summary>
/// The store answers (a write still reaches its file, so texts whose rows fit in its pages go on), but the disk under it
/// has no room for a new page: texts that need one get the fallback. /healthz says so as Degraded, still 200, since a
/// load balancer that took the line out would silence the texters it still answers, and the safety reply with them.
/// </summary>
public sealed class StorageShortOfRoomException(string message, Exception inner) : StorageUnavailableException(message, inner);
