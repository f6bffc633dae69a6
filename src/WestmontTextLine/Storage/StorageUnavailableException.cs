namespace WestmontTextLine.Storage;

/// <summary>The store cannot do its job; the message says why in words an operator can act on, with no personal data.</summary>
public class StorageUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
