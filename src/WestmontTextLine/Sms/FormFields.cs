using System.Collections;
using Microsoft.Extensions.Primitives;

namespace WestmontTextLine.Sms;

/// <summary>
/// The fields <see cref="UrlEncodedForm"/> read, as the form ASP.NET Core would hold them: names matched
/// case-insensitively (the first spelling kept), values in order, fields in the order they first came. Looking up one
/// of Twilio's field names (the filters and the signature check do, dozens of times a text) finds its place by the
/// name's number, without hashing it: ASP.NET Core's form is a dictionary that hashes every name it is asked for,
/// ignoring case, and was built for each text.
/// </summary>
public sealed class FormFields : IFormCollection
{
    private static readonly IFormFileCollection NoFiles = new FormFileCollection();

    private string[] _names;
    private StringValues[] _values;
    private int _count;
    // For each of Twilio's names (UrlEncodedForm.TwilioNameCount), where its field is, or -1.
    private readonly int[] _twilioFields;

    internal FormFields(int capacity)
    {
        _names = new string[capacity];
        _values = new StringValues[capacity];
        _twilioFields = new int[UrlEncodedForm.TwilioNameCount];
        _twilioFields.AsSpan().Fill(-1);
    }

    /// <summary>Adds a value; <paramref name="twilioName"/> is the name's number among Twilio's, or -1.</summary>
    internal void Add(string name, int twilioName, string value)
    {
        var index = twilioName >= 0 ? _twilioFields[twilioName] : IndexOfOther(name);
        if (index >= 0)
        {
            _values[index] = StringValues.Concat(_values[index], value);
            return;
        }
        if (_count == _names.Length)
        {
            Array.Resize(ref _names, Math.Max(4, _count * 2));
            Array.Resize(ref _values, Math.Max(4, _count * 2));
        }
        _names[_count] = name;
        _values[_count] = new StringValues(value);
        if (twilioName >= 0) _twilioFields[twilioName] = _count;
        _count++;
    }

    public StringValues this[string key] => IndexOf(key) is var index and >= 0 ? _values[index] : StringValues.Empty;

    public int Count => _count;

    public ICollection<string> Keys => new ArraySegment<string>(_names, 0, _count);

    public IFormFileCollection Files => NoFiles;

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, out StringValues value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? _values[index] : StringValues.Empty;
        return index >= 0;
    }

    public IEnumerator<KeyValuePair<string, StringValues>> GetEnumerator()
    {
        for (var i = 0; i < _count; i++) yield return new KeyValuePair<string, StringValues>(_names[i], _values[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        var twilioName = UrlEncodedForm.TwilioNameOf(key);
        return twilioName >= 0 ? _twilioFields[twilioName] : IndexOfOther(key);
    }

    // A name that is none of Twilio's, in any case: it can only match another such name.
    private int IndexOfOther(string name)
    {
        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(_names[i], name, StringComparison.OrdinalIgnoreCase)) return i;
        }
        return -1;
    }
}
