namespace Theory.Spiking;

/// <summary>
/// One synaptic input of a population (e.g. "v" for delta synapses, "exc"/"inh" for
/// conductances), stored as a ring buffer of per-step input vectors so that spikes with a
/// delay of d steps are accumulated into the slot that is consumed d steps later
/// (Morrison et al. 2005; Auryn's delayed spike queue). The slot of the current step is
/// consumed and cleared by the population after spike delivery.
/// </summary>
public sealed class InputChannel
{
    float[] _buffer;
    readonly int _padded;
    // distance between slots: the padded size rounded up to 16 floats, so that every slot starts on a
    // 64-byte boundary of the aligned ring (16-lane vectors then never straddle two cache lines)
    readonly int _stride;

    /// <summary>Name of the channel, unique within its population.</summary>
    public string Name { get; }

    /// <summary>Number of slots = largest delay in steps + 1.</summary>
    public int Slots { get; private set; }

    internal InputChannel(string name, int padded)
    {
        Name = name;
        _padded = padded;
        _stride = (padded + 15) / 16 * 16;
        Slots = 1;
        _buffer = AlignedArray.Create<float>(_stride);
    }

    /// <summary>Grows the ring so that a delay of <paramref name="delaySteps"/> fits. Only
    /// before a run (the ring is empty between runs only at step boundaries, so the content
    /// is re-laid out by absolute step).</summary>
    internal void EnsureDelay(int delaySteps, int currentStep)
    {
        if (delaySteps + 1 <= Slots) return;
        int newSlots = delaySteps + 1;
        var nb = AlignedArray.Create<float>(checked(newSlots * _stride));
        for (int d = 0; d < Slots; d++)
        {
            int oldSlot = (currentStep + d) % Slots, newSlot = (currentStep + d) % newSlots;
            Array.Copy(_buffer, oldSlot * _stride, nb, newSlot * _stride, _padded);
        }
        _buffer = nb;
        Slots = newSlots;
    }

    /// <summary>The raw ring storage (slot-major, padded; slot s at <see cref="SlotOffset"/>).</summary>
    internal float[] Buffer => _buffer;

    /// <summary>Offset of the slot consumed at <paramref name="step"/>.</summary>
    internal int SlotOffset(int step) => (step % Slots) * _stride;

    /// <summary>The input vector consumed at <paramref name="step"/>.</summary>
    internal Span<float> Slot(int step) => _buffer.AsSpan(SlotOffset(step), _padded);
}
