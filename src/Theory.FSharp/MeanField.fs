namespace Theory.FSharp

open Theory.MeanField
open Theory.FSharp.Units

/// <summary>A leaky integrate-and-fire neuron for the diffusion theory (Brunel 2000, §2):
/// τ dV/dt = −V + μ + σ √τ ξ(t), spike at θ, reset to V_r, refractory for τ_rp.</summary>
type Lif =
    { /// <summary>Membrane time constant τ.</summary>
      TauM: float<ms>
      /// <summary>Firing threshold θ.</summary>
      Threshold: float<mV>
      /// <summary>Reset potential V_r (below θ).</summary>
      Reset: float<mV>
      /// <summary>Absolute refractory period τ_rp.</summary>
      Refractory: float<ms> }

/// <summary>Neurons of the mean-field module.</summary>
module Lif =
    /// <summary>Brunel (2000) J Comput Neurosci 8:183: τ = 20 ms, θ = 20 mV, V_r = 10 mV, τ_rp = 2 ms.</summary>
    let brunel2000 = { TauM = 20.0<ms>; Threshold = 20.0<mV>; Reset = 10.0<mV>; Refractory = 2.0<ms> }

    /// <summary>The C# core's neuron (SI units), validated (ArgumentException naming the first invalid field).</summary>
    let toCore (n: Lif) : LifNeuron = LifNeuron(sec n.TauM, volt n.Threshold, volt n.Reset, sec n.Refractory).Validated()

    /// <summary>A neuron of the C# core with units.</summary>
    let ofCore (n: LifNeuron) : Lif =
        { TauM = msOf n.TauM; Threshold = mVOf n.Theta; Reset = mVOf n.VReset; Refractory = msOf n.TauRef }

/// <summary>The Siegert (diffusion) rate of a LIF neuron (Siegert 1951; Brunel 2000 eq. 21):
/// 1/ν = τ_rp + τ √π ∫_{(V_r−μ)/σ}^{(θ−μ)/σ} e^{u²}(1 + erf u) du.</summary>
module Siegert =
    /// <summary>Stationary rate for mean input <paramref name="mu"/> and noise amplitude <paramref name="sigma"/>
    /// (white noise; finite and never NaN for valid input).</summary>
    let rate (neuron: Lif) (mu: float<mV>) (sigma: float<mV>) : float<Hz> =
        hz (Siegert.Rate(volt mu, volt sigma, Lif.toCore neuron))

    /// <summary>The rate with the Fourcaud–Brunel (2002) correction for synaptic filtering with time constant
    /// <paramref name="tauS"/> (boundaries shifted by σ α/2 √(τ_s/τ), α = √2 |ζ(1/2)|).</summary>
    let rateFiltered (neuron: Lif) (tauS: float<ms>) (mu: float<mV>) (sigma: float<mV>) : float<Hz> =
        hz (Siegert.Rate(volt mu, volt sigma, Lif.toCore neuron, sec tauS))

    /// <summary>Rates over a sequence of (μ, σ) pairs.</summary>
    let rates (neuron: Lif) (inputs: seq<float<mV> * float<mV>>) : float<Hz> list =
        let core = Lif.toCore neuron
        [ for (mu, sigma) in inputs -> hz (Siegert.Rate(volt mu, volt sigma, core)) ]

/// <summary>Brunel (2000) sparse network of excitatory and inhibitory LIF neurons (model A): C_E excitatory inputs
/// of weight J, C_I = γ C_E inhibitory of weight −gJ, delay D, external Poisson drive at ν_ext = ratio · ν_thr.</summary>
type BrunelModel =
    { /// <summary>Excitatory in-degree C_E.</summary>
      CE: int
      /// <summary>C_I / C_E.</summary>
      Gamma: float
      /// <summary>Excitatory PSP amplitude J.</summary>
      J: float<mV>
      /// <summary>Relative inhibition g.</summary>
      G: float
      /// <summary>ν_ext / ν_thr, ν_thr = θ/(J C_E τ).</summary>
      NuExtRatio: float
      /// <summary>Transmission delay D.</summary>
      Delay: float<ms>
      /// <summary>The neuron.</summary>
      Neuron: Lif }

/// <summary>A stationary state of the Brunel network: rate ν and the input's mean μ and amplitude σ
/// (μ = C_E J τ (ν_ext + ν(1 − gγ)), σ² = C_E J² τ (ν_ext + ν(1 + g²γ))).</summary>
type StationaryState =
    { /// <summary>Rate ν.</summary>
      Rate: float<Hz>
      /// <summary>Mean input μ.</summary>
      Mu: float<mV>
      /// <summary>Noise amplitude σ.</summary>
      Sigma: float<mV> }

/// <summary>One point of a phase diagram: the regime of the most relevant state and its rate and frequency.</summary>
type PhasePoint =
    { /// <summary>Relative inhibition g.</summary>
      G: float
      /// <summary>ν_ext / ν_thr.</summary>
      NuExtRatio: float
      /// <summary>"AI", "SR", "SI-fast", "SI-slow", "saddle" or "quiescent" (see docs/MODELS.md).</summary>
      Regime: string
      /// <summary>Stationary rate.</summary>
      Rate: float<Hz>
      /// <summary>Oscillation frequency of the dominant eigenvalue (0 when it is real or there is none).</summary>
      Frequency: float<Hz> }

/// <summary>Mean field of the Brunel (2000) network.</summary>
module Brunel =
    /// <summary>Model A: C_E = 1000, γ = 0.25, J = 0.1 mV, g = 5, ν_ext/ν_thr = 2, D = 1.5 ms, Brunel's neuron.</summary>
    let modelA = { CE = 1000; Gamma = 0.25; J = 0.1<mV>; G = 5.0; NuExtRatio = 2.0; Delay = 1.5<ms>; Neuron = Lif.brunel2000 }

    /// <summary>The C# core's network (SI units), validated.</summary>
    let toCore (m: BrunelModel) : BrunelNetwork =
        BrunelNetwork.FromRatio(float m.CE, m.Gamma, volt m.J, m.G, m.NuExtRatio, sec m.Delay, Lif.toCore m.Neuron).Validated()

    /// <summary>Every stationary state (self-consistent Siegert solutions), lowest rate first.</summary>
    let stationary (m: BrunelModel) : StationaryState list =
        [ for s in BrunelStationary.Solve(toCore m) -> { Rate = hz s.Rate; Mu = mVOf s.Mu; Sigma = mVOf s.Sigma } ]

    /// <summary>The phase diagram over g × ν_ext/ν_thr (Brunel 2000 Fig. 2), one point per pair, g varying fastest.</summary>
    let phaseDiagram (m: BrunelModel) (gs: seq<float>) (ratios: seq<float>) : PhasePoint list =
        let pd = BrunelPhaseDiagram.Compute(toCore m, Seq.toArray gs, Seq.toArray ratios)
        [ for j in 0 .. pd.NuExtRatio.Length - 1 do
            for i in 0 .. pd.G.Length - 1 ->
                { G = pd.G[i]; NuExtRatio = pd.NuExtRatio[j]; Regime = pd.Regime[i, j]
                  Rate = hz pd.Rate[i, j]; Frequency = hz pd.Frequency[i, j] } ]
