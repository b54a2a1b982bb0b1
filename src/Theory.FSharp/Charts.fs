namespace Theory.FSharp

open Plotly.NET
open Theory.FSharp.Units

/// <summary>Plotly.NET charts of the common plots, with labelled axes and units. Each returns a
/// GenericChart: combine, style and save it with Plotly.NET (Chart.show, Chart.saveHtml).</summary>
module Charts =
    /// <summary>A spike raster: one dot per spike, time (ms) against neuron index.</summary>
    let raster (times: seq<float>) (neurons: seq<int>) : GenericChart =
        Chart.Point([ for t in times -> float (msOf t) ], neurons, Name = "spikes", Marker = TraceObjects.Marker.init (Size = 2))
        |> Chart.withXAxisStyle ("t (ms)")
        |> Chart.withYAxisStyle ("neuron")

    /// <summary>A population rate (Hz) sampled in bins of <paramref name="binWidth"/>, starting at <paramref name="start"/>.</summary>
    let populationRate (binWidth: float<ms>) (start: float<ms>) (rate: seq<float>) : GenericChart =
        let r = Seq.toArray rate
        Chart.Line([ for k in 0 .. r.Length - 1 -> float start + float binWidth * float k ], r, Name = "population rate")
        |> Chart.withXAxisStyle ("t (ms)")
        |> Chart.withYAxisStyle ("rate (Hz)")

    /// <summary>A phase diagram: one marker per grid point, one colour (and legend entry) per regime.</summary>
    let phaseDiagram (points: seq<PhasePoint>) : GenericChart =
        points
        |> Seq.groupBy (fun p -> p.Regime)
        |> Seq.map (fun (regime, ps) ->
            Chart.Point([ for p in ps -> p.G ], [ for p in ps -> p.NuExtRatio ], Name = regime, ShowLegend = true))
        |> Chart.combine
        |> Chart.withXAxisStyle ("g")
        |> Chart.withYAxisStyle ("ν_ext / ν_thr")

    /// <summary>An STDP curve: change of synaptic weight against Δt.</summary>
    let stdpCurve (points: seq<StdpPoint>) : GenericChart =
        let ps = Seq.toArray points
        Chart.Line([ for p in ps -> float p.DeltaT ], [ for p in ps -> p.Change ], Name = "change")
        |> Chart.withXAxisStyle ("Δt = t_post − t_pre (ms)")
        |> Chart.withYAxisStyle ("weight after / before")

    /// <summary>An efficacy-against-rate curve of a Tsodyks–Markram synapse (efficacy per spike, log rate axis).</summary>
    let efficacyCurve (name: string) (states: seq<SteadyState>) : GenericChart =
        let ss = Seq.toArray states
        Chart.Line([ for s in ss -> float s.Rate ], [ for s in ss -> s.Efficacy ], Name = name)
        |> Chart.withXAxis (
            LayoutObjects.LinearAxis.init (
                Title = Title.init "rate (Hz)", AxisType = StyleParam.AxisType.Log, ExponentFormat = StyleParam.ExponentFormat.Power))
        |> Chart.withYAxisStyle ("efficacy per spike")

    /// <summary>An amplification envelope ‖e^{At}‖ against time.</summary>
    let amplificationEnvelope (name: string) (points: seq<EnvelopePoint>) : GenericChart =
        let ps = Seq.toArray points
        Chart.Line([ for p in ps -> float p.Time ], [ for p in ps -> p.Norm ], Name = name)
        |> Chart.withXAxisStyle ("t (ms)")
        |> Chart.withYAxisStyle ("‖e^{At}‖")

    /// <summary>The report of a cross-check (<c>CrossCheck.Run</c>) in one figure: left, predicted and simulated rate per
    /// population (bars, the simulation with ± 1 s.e. error bars); right, the simulated population-rate spectra (lines)
    /// with the predicted finite-size spectra overlaid (dashed; absent for an unstable state), two-sided, log scale.</summary>
    let crossCheck (r: Theory.Experiments.Predict.CrossCheckResult) : GenericChart =
        let names = [ for x in r.Rows -> x.Population ]
        let bars =
            [ Chart.Column(names, [ for x in r.Rows -> x.RatePredicted ], Name = "predicted")
              Chart.Column(names, [ for x in r.Rows -> x.RateSimulated ], Name = "simulated")
              |> Chart.withYErrorStyle (Array = [ for x in r.Rows -> (if System.Double.IsFinite x.RateSe then x.RateSe else 0.0) ]) ]
            |> Chart.combine
            |> Chart.withXAxisStyle ("population")
            |> Chart.withYAxisStyle ("rate (Hz)")
        let spectra =
            [ for a in 0 .. r.Rows.Length - 1 do
                yield Chart.Line(r.Frequencies, r.SpectrumSimulated[a], Name = r.Rows[a].Population + " simulated")
                if r.SpectrumPredicted[a] |> Array.forall System.Double.IsFinite then
                    yield Chart.Line(r.Frequencies, r.SpectrumPredicted[a], Name = r.Rows[a].Population + " predicted",
                                     LineDash = StyleParam.DrawingStyle.Dash) ]
            |> Chart.combine
            |> Chart.withXAxisStyle ("f (Hz)")
            |> Chart.withYAxis (LayoutObjects.LinearAxis.init (Title = Title.init "S(f) (Hz)", AxisType = StyleParam.AxisType.Log))
        Chart.Grid(1, 2) [ bars; spectra ]
