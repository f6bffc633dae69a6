namespace WestmontTextLine.Records;

/// <summary>Which record: its kind and its key.</summary>
public readonly record struct PrivateRecordId(string Kind, string Key);
