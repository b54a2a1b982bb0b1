namespace Theory.FSharp

open MathNet.Numerics.LinearAlgebra
open Theory.Amplification
open Theory.FSharp.Units

/// <summary>‖e^{At}‖ at one time: the largest amplification of any initial condition of norm 1.</summary>
type EnvelopePoint =
    { /// <summary>Time after the initial condition.</summary>
      Time: float<ms>
      /// <summary>Spectral norm of the propagator e^{At}.</summary>
      Norm: float }

/// <summary>The peak of the amplification envelope.</summary>
type AmplificationPeak =
    { /// <summary>max_t ‖e^{At}‖.</summary>
      Value: float
      /// <summary>Time of the peak.</summary>
      Time: float<ms> }

/// <summary>Transient amplification of linear rate dynamics τ dx/dt = −x + W x (Christodoulou, Vogels &amp; Agnes 2022):
/// A = (W − I)/τ, envelope ‖e^{At}‖, its peak, the spectral abscissa. W is a MathNet matrix.</summary>
module Amplification =
    /// <summary>The envelope ‖e^{At}‖ at each time of <paramref name="times"/> for time constant <paramref name="tau"/>.</summary>
    let envelope (tau: float<ms>) (w: Matrix<float>) (times: seq<float<ms>>) : EnvelopePoint list =
        [ for t in times -> { Time = t; Norm = TransientAmplification.NormAt(w, sec t, sec tau) } ]

    /// <summary>The largest amplification max_t ‖e^{At}‖ and when it happens (a stable A; see docs/MODELS.md).</summary>
    let peak (tau: float<ms>) (w: Matrix<float>) : AmplificationPeak =
        let p = TransientAmplification.MaxAmplification(w, sec tau)
        { Value = p.Value; Time = msOf p.Time }

    /// <summary>The spectral abscissa max Re λ(A), A = (W − I)/τ: negative when the dynamics are stable.</summary>
    let spectralAbscissa (tau: float<ms>) (w: Matrix<float>) : float<Hz> = hz (TransientAmplification.SpectralAbscissa(w, sec tau))
