namespace Theory.FSharp

open Theory.CalciumPlasticity
open Theory.ShortTermPlasticity
open Theory.FSharp.Units

/// <summary>One point of an STDP curve of the calcium rule.</summary>
type StdpPoint =
    { /// <summary>Δt = t_post − t_pre.</summary>
      DeltaT: float<ms>
      /// <summary>Pairing frequency.</summary>
      Frequency: float<Hz>
      /// <summary>Ratio of the mean synaptic weight after / before the protocol.</summary>
      Change: float
      /// <summary>Fraction of time the calcium spends above the depression threshold, α_d.</summary>
      AlphaD: float
      /// <summary>Fraction of time above the potentiation threshold, α_p.</summary>
      AlphaP: float }

/// <summary>The Graupner–Brunel (2012) calcium-based rule, exact for periodic pair protocols:
/// τ_ρ dρ/dt = −ρ(1−ρ)(ρ*−ρ) + γ_p(1−ρ)Θ(c−θ_p) − γ_d ρ Θ(c−θ_d) + noise; the change of efficacy follows
/// from the time fractions α_d, α_p in closed form (PNAS 109:3991, Figs. 2 and 4).</summary>
module Calcium =
    /// <summary>A parameter set by name: DP, DPD, DPD', P, D, D', hippocampal-slices, hippocampal-cultures,
    /// cortical-slices, nonlinear-2016 (ArgumentException listing the names otherwise).</summary>
    let preset (name: string) : GraupnerBrunelParameters = GraupnerBrunelParameters.Preset name

    /// <summary>Change of efficacy of <paramref name="pairs"/> pre/post pairs at <paramref name="frequency"/>
    /// for each Δt of <paramref name="deltaTs"/>.</summary>
    let stdpCurveAt (p: GraupnerBrunelParameters) (frequency: float<Hz>) (pairs: int) (deltaTs: seq<float<ms>>) : StdpPoint list =
        [ for dt in deltaTs ->
            let r = StdpCurve.Pair(p, sec dt, float frequency, pairs)
            { DeltaT = dt; Frequency = frequency; Change = r.Change; AlphaD = r.Outcome.AlphaD; AlphaP = r.Outcome.AlphaP } ]

    /// <summary>The STDP curve of the paper's Fig. 2: 60 pairs at 1 Hz, one point per Δt.</summary>
    let stdpCurve (p: GraupnerBrunelParameters) (deltaTs: seq<float<ms>>) : StdpPoint list = stdpCurveAt p 1.0<Hz> 60 deltaTs

    /// <summary>Change against pairing frequency at a fixed Δt (Sjöström et al. 2001; the paper's Fig. 4B, 75 pairs);
    /// Δt is clipped to ±T/2 at each frequency as in the paper.</summary>
    let frequencyDependence (p: GraupnerBrunelParameters) (deltaT: float<ms>) (frequencies: seq<float<Hz>>) : StdpPoint list =
        let fs = [| for f in frequencies -> float f |]
        [ for r in StdpCurve.FrequencyDependence(p, sec deltaT, fs) ->
            { DeltaT = msOf r.DeltaT; Frequency = hz r.Frequency; Change = r.Change; AlphaD = r.Outcome.AlphaD; AlphaP = r.Outcome.AlphaP } ]

/// <summary>A Tsodyks–Markram synapse: utilisation U, recovery time τ_D, facilitation time τ_F
/// (Tsodyks, Pawelzik &amp; Markram 1998; the core's default convention, see TsodyksMarkramConvention).</summary>
type Synapse =
    { /// <summary>Utilisation (release probability at rest), in (0, 1].</summary>
      U: float
      /// <summary>Recovery (depression) time constant τ_D.</summary>
      TauD: float<ms>
      /// <summary>Facilitation time constant τ_F (/// <summary>Facilitation time constant τ_F (0: none).</summary>gt; 0).</summary>
      TauF: float<ms> }

/// <summary>The steady state of a Tsodyks–Markram synapse driven at a constant rate.</summary>
type SteadyState =
    { /// <summary>Presynaptic rate.</summary>
      Rate: float<Hz>
      /// <summary>Mean u just before a spike.</summary>
      U: float
      /// <summary>Mean x (available resources) just before a spike.</summary>
      X: float
      /// <summary>Mean released fraction per spike.</summary>
      Released: float
      /// <summary>Efficacy per spike (amplitude × released fraction).</summary>
      Efficacy: float
      /// <summary>Efficacy per second, ν × efficacy per spike.</summary>
      EfficacyPerSecond: float<Hz> }

/// <summary>Short-term plasticity: Tsodyks–Markram steady states, frequency response and crossover rate.</summary>
module ShortTerm =
    /// <summary>The core's parameters (SI units), validated by its constructor.</summary>
    let toCore (s: Synapse) : TsodyksMarkramParameters = TsodyksMarkramParameters(s.U, sec s.TauD, sec s.TauF)

    /// <summary>The depressing (early) synapse of Jia, Vogels &amp; Costa (2022).</summary>
    let jiaDepressing : TsodyksMarkramParameters = TsodyksMarkramParameters.JiaVogelsCosta2022Depressing

    /// <summary>The facilitating (late) synapse of Jia, Vogels &amp; Costa (2022).</summary>
    let jiaFacilitating : TsodyksMarkramParameters = TsodyksMarkramParameters.JiaVogelsCosta2022Facilitating

    let private ofCore (s: TsodyksMarkramSteadyState) =
        { Rate = hz s.Rate; U = s.U; X = s.X; Released = s.Released; Efficacy = s.Efficacy; EfficacyPerSecond = hz s.EfficacyPerSecond }

    /// <summary>Steady state at <paramref name="rate"/> for a regular or Poisson train (SpikeTrain.PoissonExact: the exact
    /// Poisson mean).</summary>
    let steadyStateOf (p: TsodyksMarkramParameters) (train: SpikeTrain) (rate: float<Hz>) : SteadyState =
        ofCore (TsodyksMarkram.SteadyState(p, float rate, train))

    /// <summary><see cref="steadyStateOf"/> for a synapse given with units.</summary>
    let steadyState (s: Synapse) (train: SpikeTrain) (rate: float<Hz>) : SteadyState = steadyStateOf (toCore s) train rate

    /// <summary>The steady states over a sequence of rates (an efficacy-against-rate curve).</summary>
    let frequencyResponse (p: TsodyksMarkramParameters) (train: SpikeTrain) (rates: seq<float<Hz>>) : SteadyState list =
        [ for s in TsodyksMarkram.FrequencyResponse(p, [| for r in rates -> float r |], train) -> ofCore s ]

    /// <summary>The crossover rate ν_c where the steady-state efficacy per spike equals the rested one: net facilitating
    /// below, net depressing above; Some 0 Hz when the synapse depresses at every rate, None when it facilitates up to
    /// 10 kHz.</summary>
    let crossoverRate (p: TsodyksMarkramParameters) (train: SpikeTrain) : float<Hz> option =
        finite (hz (TsodyksMarkram.CrossoverRate(p, train)))
