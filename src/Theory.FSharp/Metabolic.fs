namespace Theory.FSharp

open Theory.Metabolic
open Theory.FSharp.Units

/// <summary>A steady state of the mitochondrial model of Chintaluri &amp; Vogels (2023) at one ATP demand.</summary>
type MitochondrialSteady =
    { /// <summary>Baseline ATP demand (the paper's range is 1…1000).</summary>
      Demand: float
      /// <summary>ATP fraction of the adenine pool.</summary>
      Atp: float
      /// <summary>ATP/ADP ratio.</summary>
      AtpAdpRatio: float
      /// <summary>NAD⁺ fraction of the NAD pool.</summary>
      Nad: float
      /// <summary>Mitochondrial membrane potential ΔΨ.</summary>
      DeltaPsi: float<mV>
      /// <summary>Reactive oxygen species (the paper's ROS signal, dimensionless).</summary>
      Ros: float
      /// <summary>Leading eigenvalue of the Jacobian: negative when the state is stable.</summary>
      LeadingEigenvalue: float<Hz>
      /// <summary>Whether every eigenvalue has a negative real part.</summary>
      Stable: bool }

/// <summary>The ATP/ADP/ROS mitochondrial model of Chintaluri &amp; Vogels (2023, PNAS): steady states against
/// ATP demand (the paper's Fig. 1).</summary>
module Metabolic =
    let private ofCore (s: MitochondrialSteadyState) =
        { Demand = s.Demand; Atp = s.State.Atp; AtpAdpRatio = s.AtpAdpRatio; Nad = s.State.Nad
          DeltaPsi = mVOf s.DeltaPsiVolts; Ros = s.Ros; LeadingEigenvalue = hz s.LeadingEigenvalue; Stable = s.Stable }

    /// <summary>The steady state at ATP demand <paramref name="demand"/> (valid [1e-3, 1e5]).</summary>
    let steadyState (demand: float) : MitochondrialSteady =
        ofCore (MitochondrialSteadyStates.Solve(Mitochondrion.ChintaluriVogels2023, demand))

    /// <summary>The steady states over a sequence of demands.</summary>
    let steadyStates (demands: seq<float>) : MitochondrialSteady list = [ for d in demands -> steadyState d ]

    /// <summary><paramref name="n"/> demands spaced geometrically from <paramref name="low"/> to <paramref name="high"/>.</summary>
    let geometricDemands (low: float) (high: float) (n: int) : float list =
        List.ofArray (MitochondrialSteadyStates.GeometricDemands(low, high, n))
