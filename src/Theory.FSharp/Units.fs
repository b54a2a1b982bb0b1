namespace Theory.FSharp

/// <summary>Second, the SI unit of time (the C# core works in seconds).</summary>
[<Measure>] type s

/// <summary>Millisecond (1 ms = 10⁻³ s).</summary>
[<Measure>] type ms

/// <summary>Volt, the SI unit of potential (the C# core works in volts).</summary>
[<Measure>] type V

/// <summary>Millivolt (1 mV = 10⁻³ V).</summary>
[<Measure>] type mV

/// <summary>Hertz, a rate: 1 Hz = 1/s.</summary>
[<Measure>] type Hz = / s

/// <summary>
/// Conversions between the units of this surface and the SI doubles of the C# core. Millivolts and
/// milliseconds are divided by 1000 (a correctly rounded division: <c>toVolts 15.0&lt;mV&gt;</c> is the
/// double nearest to 0.015, the same as the literal <c>0.015</c>), so a call through this surface gives
/// the same bits as the C# call written in SI units.
/// </summary>
module Units =
    /// <summary>Milliseconds to seconds.</summary>
    let toSeconds (t: float<ms>) : float<s> = t / 1000.0<ms/s>

    /// <summary>Seconds to milliseconds.</summary>
    let toMilliseconds (t: float<s>) : float<ms> = t * 1000.0<ms/s>

    /// <summary>Millivolts to volts.</summary>
    let toVolts (v: float<mV>) : float<V> = v / 1000.0<mV/V>

    /// <summary>Volts to millivolts.</summary>
    let toMillivolts (v: float<V>) : float<mV> = v * 1000.0<mV/V>

    /// <summary>A time in milliseconds as the C# core's seconds (a plain double).</summary>
    let sec (t: float<ms>) : float = float (toSeconds t)

    /// <summary>A potential in millivolts as the C# core's volts (a plain double).</summary>
    let volt (v: float<mV>) : float = float (toVolts v)

    /// <summary>A C# time in seconds as milliseconds.</summary>
    let msOf (t: float) : float<ms> = toMilliseconds (t * 1.0<s>)

    /// <summary>A C# potential in volts as millivolts.</summary>
    let mVOf (v: float) : float<mV> = toMillivolts (v * 1.0<V>)

    /// <summary>A C# rate in Hz with its unit.</summary>
    let hz (r: float) : float<Hz> = r * 1.0<Hz>

    /// <summary>Some value when <paramref name="x"/> is finite, None otherwise (the C# core returns ∞ or NaN for a
    /// quantity that does not exist, e.g. a crossover rate beyond the search range).</summary>
    let finite (x: float<'u>) : float<'u> option = if System.Double.IsFinite(float x) then Some x else None
