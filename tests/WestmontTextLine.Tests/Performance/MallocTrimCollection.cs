namespace WestmontTextLine.Tests.Performance;

/// <summary>The tests that trim malloc's arenas or read what they hold, one at a time: a trim would spoil a reading.</summary>
[CollectionDefinition(Name)]
public class MallocTrimCollection
{
    public const string Name = "malloc's arenas";
}
