namespace Theory.Metabolic;

/// <summary>The ROS generators of Chintaluri &amp; Vogels 2023 (<c>gates.py</c>): the steady ROS level
/// R∞(ATP, ψ) that the ROS gate relaxes to.</summary>
public enum RosGenerator
{
    /// <summary>Control: R∞ = (ATP ψ + (1 − ATP)(1 − ψ))³ (<c>ros_inf</c>).</summary>
    Control,
    /// <summary>Rotenone (complex I block, a Parkinson's model): R∞ = (ATP ψ/1.25 + (1 − ATP)(1 − ψ)/0.8)³
    /// (<c>rotenone_inf</c>): reverse-electron-transport ROS falls, forward-transport ROS rises.</summary>
    Rotenone,
    /// <summary>miniSOG expressed: R∞ + 0.1 (<c>minisog_inf</c>).</summary>
    MiniSog,
    /// <summary>Alternative oxidase AOX: ((ATP ψ + (1 − ATP)(1 − ψ))/1.15)³ (<c>aox_inf</c>).</summary>
    Aox,
}

/// <summary>R∞ of each <see cref="RosGenerator"/>.</summary>
public static class RosGenerators
{
    /// <summary>R∞(ATP, ψ) of the generator; ATP in [0, 1], ψ normalised (|ψ| ≤ 1e100).</summary>
    public static double Steady(RosGenerator generator, double atp, double psi)
    {
        Guard.InRange(atp, 0.0, 1.0); Guard.InRange(psi, -1e100, 1e100);
        return SteadyUnchecked(generator, atp, psi);
    }

    internal static double SteadyUnchecked(RosGenerator generator, double atp, double psi)
    {
        double s = generator switch
        {
            RosGenerator.Control or RosGenerator.MiniSog => atp * psi + (1 - atp) * (1 - psi),
            RosGenerator.Rotenone => atp * psi / 1.25 + (1 - atp) * (1 - psi) / 0.8,
            RosGenerator.Aox => (atp * psi + (1 - atp) * (1 - psi)) / 1.15,
            _ => throw new ArgumentException($"generator = {generator} is invalid: use Control, Rotenone, MiniSog or Aox.", nameof(generator)),
        };
        double r = s * s * s;
        return generator == RosGenerator.MiniSog ? r + 0.1 : r;
    }
}
