namespace Theory.Metabolic;

/// <summary>
/// Time stepping of one mitochondrion with its ROS signal and spike costs, as the paper's
/// scripts do it (<c>mitosfns.run_sim</c>, <c>fig2.ret_run_sim</c>): forward Euler on the
/// normalized ODE of <see cref="Mitochondrion"/> with dτ = TimeScale·dt, starting at the steady
/// state of the demand; each step the spike load L(t) = q Σ Q(t − t_k) sets the translocator
/// factor f = 1 + 10 erf(10 (ATP − (ATP₀ − L))) and the leak increment f_MCU·L; then
/// R ← R + dt (R∞(ATP, ψ) − R)/τ_R. Differences from the code: the start is the converged fixed
/// point (the code relaxes 1000 ms by Euler), and f uses the current ATP (the code lags it by
/// one step of 0.01 ms).
/// </summary>
public sealed class MitochondrionSimulation
{
    readonly Mitochondrion _model;
    readonly double[] _x = new double[MitochondrialState.Dimension];
    readonly double[] _d = new double[MitochondrialState.Dimension];
    readonly float[] _q;
    readonly List<long> _spikes = new();
    readonly double _kAnt, _tauRos, _dtau;

    /// <summary>Time step (s).</summary>
    public double Dt { get; }
    /// <summary>Baseline demand.</summary>
    public double Demand { get; }
    /// <summary>The spike cost.</summary>
    public SpikeCost Cost { get; }
    /// <summary>Steady state the run started from.</summary>
    public MitochondrialSteadyState Start { get; }
    /// <summary>Steps taken.</summary>
    public long Step { get; private set; }
    /// <summary>Time (s).</summary>
    public double Time => Step * Dt;
    /// <summary>ROS level R.</summary>
    public double RosLevel { get; private set; }
    /// <summary>Current spike load L = q Σ Q.</summary>
    public double Load { get; private set; }

    /// <param name="model">Mitochondrial model.</param>
    /// <param name="demand">Baseline ATP demand (k_ANT = demand/AtpRange).</param>
    /// <param name="cost">Spike cost (default: the paper's).</param>
    /// <param name="ros">ROS kinetics (default <see cref="RosParameters.Default"/>).</param>
    /// <param name="dt">Time step (s; the code's 0.01 ms).</param>
    /// <param name="initial">Start state (default: the fixed point); ATP₀ of the cost stays the fixed point's ATP.</param>
    public MitochondrionSimulation(Mitochondrion model, double demand, SpikeCost? cost = null, RosParameters? ros = null, double dt = 1e-5,
        MitochondrialState? initial = null)
    {
        Guard.NotNull(model);
        Guard.InRange(dt, 1e-8, 1e-3);
        _model = model;
        Cost = cost ?? SpikeCost.ChintaluriVogels2023;
        Cost.Validate();
        Dt = dt;
        Demand = demand;
        Start = MitochondrialSteadyStates.Solve(model, demand);
        (initial ?? Start.State).ToArray().CopyTo(_x, 0);
        Guard.AllFinite(_x, nameof(initial));
        _kAnt = model.Parameters.AntRate(demand);
        _tauRos = Ros.TimeConstant(ros ?? RosParameters.Default, demand);
        _dtau = model.Parameters.TimeScale * dt;
        RosLevel = initial is null ? Start.Ros : Ros.SteadyUnchecked(_x[6], Psi);
        _q = Cost.Table(dt);
    }

    /// <summary>ATP fraction.</summary>
    public double Atp => _x[6];
    /// <summary>NAD⁺ fraction.</summary>
    public double Nad => _x[5];
    /// <summary>Normalized ψ.</summary>
    public double Psi => _model.Parameters.NormalizedPsi(_x[7] * _model.Parameters.ReferencePotential);
    /// <summary>The current state.</summary>
    public MitochondrialState State => MitochondrialState.FromArray((double[])_x.Clone());

    /// <summary>Registers a spike now: its cost starts with the next step.</summary>
    public void Spike() => _spikes.Add(Step);

    /// <summary>Advances one step dt.</summary>
    public void Advance()
    {
        double load = 0;
        int drop = 0;
        for (int k = 0; k < _spikes.Count; k++)
        {
            long age = Step - _spikes[k];
            if (age >= _q.Length) { drop++; continue; }
            load += _q[age];
        }
        if (drop > 0) _spikes.RemoveRange(0, drop);
        load *= Cost.Quantum;
        Load = load;
        double atpCost = Start.State.Atp - load;
        double factor = Mitochondrion.AntFactor(_x[6], atpCost);
        _model.DerivativesInto(_x, _kAnt, Cost.McuFactor * load, factor, _d);
        for (int i = 0; i < _x.Length; i++) _x[i] += _d[i] * _dtau;
        double rinf = Ros.SteadyUnchecked(_x[6], Psi);
        RosLevel += (rinf - RosLevel) / _tauRos * Dt;
        Step++;
        if (!double.IsFinite(RosLevel) || !double.IsFinite(_x[7]) || !double.IsFinite(_x[6]))
            throw new InvalidOperationException($"the mitochondrion simulation diverged at t = {Time} s (demand = {Demand}): ATP = {_x[6]}, ΔΨ = {_x[7]}, ROS = {RosLevel}.");
    }
}
