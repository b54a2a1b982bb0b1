namespace Theory.FSharp

open Deedle
open Theory.Experiments
open Theory.Experiments.Networks
open Theory.Experiments.Statistics
open Theory.FSharp.Units

/// <summary>The coefficient of variation of the inter-spike intervals, averaged over the neurons with at
/// least three spikes.</summary>
type MeanCv =
    { /// <summary>Mean CV over the neurons counted; None when no neuron fired three spikes.</summary>
      Mean: float option
      /// <summary>Neurons with at least three spikes.</summary>
      Neurons: int }

/// <summary>One frequency bin of a power spectrum.</summary>
type SpectrumPoint =
    { /// <summary>Frequency.</summary>
      Frequency: float<Hz>
      /// <summary>Power of the binned rate at this frequency (the periodogram of SpikeStatistics.PowerSpectrum).</summary>
      Power: float }

/// <summary>Spike-train statistics (F# records with options and units over the C# results).</summary>
module Spikes =
    /// <summary>Mean ISI CV over trains (each train: spike times in s, ascending).</summary>
    let meanCv (trains: seq<float[]>) : MeanCv =
        let r = SpikeStatistics.MeanCv(trains)
        { Mean = (if System.Double.IsNaN r.Mean then None else Some r.Mean); Neurons = r.Neurons }

    /// <summary>Periodogram of a population rate binned at <paramref name="binWidth"/>.</summary>
    let powerSpectrum (binWidth: float<ms>) (rate: seq<float>) : SpectrumPoint list =
        let s = SpikeStatistics.PowerSpectrum(Seq.toArray rate, sec binWidth)
        [ for k in 0 .. s.Frequencies.Length - 1 -> { Frequency = hz s.Frequencies[k]; Power = s.Power[k] } ]

    /// <summary>A raster as a frame: columns <c>t_s</c> (spike time, s) and <c>neuron</c>.</summary>
    let toFrame (times: seq<float>) (neurons: seq<int>) : Frame<int, string> = Frames.Spikes(Seq.toArray times, Seq.toArray neurons)

/// <summary>A simulated Brunel (2000) network, measured after the warm-up as the Brian2 peer script does.</summary>
type BrunelRun =
    { /// <summary>Mean excitatory rate.</summary>
      Rate: float<Hz>
      /// <summary>Mean ISI CV of the excitatory neurons (None when none fired three spikes).</summary>
      Cv: float option
      /// <summary>Dominant frequency of the population rate above 5 Hz (None when there is none).</summary>
      Peak: float<Hz> option
      /// <summary>Excitatory spikes after the warm-up.</summary>
      Spikes: int64
      /// <summary>Excitatory spike times (s) after the warm-up.</summary>
      SpikeTimes: float[]
      /// <summary>The neuron of each spike.</summary>
      SpikeNeurons: int[]
      /// <summary>Excitatory population rate in 1 ms bins after the warm-up (Hz).</summary>
      PopulationRate: float[]
      /// <summary>Wall time of the run.</summary>
      RunTime: float<s> }

/// <summary>Reference networks on the SIMD kernel (Theory.Spiking), configured with units.</summary>
module Simulate =
    /// <summary>Brunel (2000) model A on the kernel (N_E = 10 000, N_I = 2 500) for relative inhibition
    /// <paramref name="g"/> and drive ν_ext/ν_thr = <paramref name="nuExtRatio"/>, simulated for
    /// <paramref name="duration"/> of which the first <paramref name="warmup"/> is discarded. Seeded: the same seed gives
    /// the same spikes at any thread count.</summary>
    let brunel (g: float) (nuExtRatio: float) (duration: float<ms>) (warmup: float<ms>) (seed: uint64) : BrunelRun =
        let r = BrunelSimulation(G = g, NuExtRatio = nuExtRatio, Duration = sec duration, Warmup = sec warmup, Seed = seed).Run()
        { Rate = hz r.RateHz
          Cv = (if System.Double.IsNaN r.MeanCv then None else Some r.MeanCv)
          Peak = finite (hz r.PeakHz) |> Option.filter (fun f -> f > 0.0<Hz>)
          Spikes = r.Spikes
          SpikeTimes = r.SpikeTimes
          SpikeNeurons = r.SpikeIndices
          PopulationRate = r.PopulationRate
          RunTime = r.RunSeconds * 1.0<s> }
