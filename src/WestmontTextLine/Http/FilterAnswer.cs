namespace WestmontTextLine.Http;

/// <summary>An endpoint filter's own answer (a refusal), as the completed task a filter that does not wait hands back.</summary>
public static class FilterAnswer
{
    public static ValueTask<object?> Of(IResult result) => ValueTask.FromResult<object?>(result);
}
