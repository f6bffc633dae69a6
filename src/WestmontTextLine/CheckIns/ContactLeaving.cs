namespace WestmontTextLine.CheckIns;

/// <summary>How a number stops being anyone's safety contact (<see cref="SafetyContactLeaving.LeavesAsync"/>).</summary>
public enum ContactLeaving
{
    /// <summary>It texted NO: never asked again.</summary>
    SaidNo,

    /// <summary>It texted STOP: never asked again.</summary>
    Stopped,

    /// <summary>It texted FORGET: its record deleted (a NO before keeps only that mark).</summary>
    Forgot,
}
