// Weight distribution of a plastic recurrent network against the mean field. A sparse E/I
// network (N_E = 400, N_I = 100, C_E = 40, C_I = 10, LIF of Brunel 2000 model A, J = 0.2 mV,
// g = 5, ν_ext = 0.9 ν_thr) whose E→E synapses follow the Graupner–Brunel rule (DP set, cubic
// term on; w = ρ·0.4 mV); half of the synapses start UP (ρ = 1), half DOWN (ρ = 0).
// Theory: Fokker–Planck for ρ with drift/diffusion from the shot-noise calcium at the measured
// rate (independent Poisson trains), stationary density exp(2Φ/B)/B; and the mixture over
// synapses with each neuron's own rate. Panel B: mean ρ of the UP and DOWN groups against the
// Fokker–Planck time course, at the Poisson time fractions and at the fractions measured in the
// network (dashed).
// Output: paper-figures/out/Calcium_WeightDistribution.{html,png,pdf,csv}; panel A x = ρ,
// y = density; panel B x = t (s), y = mean ρ.
#load "_Figure.fsx"
open _Figure
open Plotly.NET
open Theory.CalciumPlasticity
open Theory.Experiments.CalciumPlasticity

let duration = if Figure.quick then 3.0 else 30.0
let r = CalciumRecurrentNetwork(GraupnerBrunelParameters.DP, duration, 10).Run()
printfn "rate %.2f Hz, %d plastic synapses, KS to mean field %.4f, to rate mixture %.4f (1%% critical for independent samples %.4f), run %.1f s"
    r.RateE r.Synapses r.KsMeanField r.KsMixture r.KsCritical r.RunSeconds

let bins = 50
let w = 1.0 / float bins
let counts = Array.zeroCreate bins
for x in r.FinalRho do counts[min (bins - 1) (int (x / w))] <- counts[min (bins - 1) (int (x / w))] + 1.0
let hx = [| for k in 0 .. bins - 1 -> (float k + 0.5) * w |]
let hy = counts |> Array.map (fun c -> c / (float r.FinalRho.Length * w))

let panelA =
    [ Chart.Point(hx, hy, Name = "network (final), histogram", MarkerColor = Color.fromString "gray")
      Chart.Line(r.TheoryRho, r.TheoryDensity, Name = "Fokker–Planck, population rate")
      Chart.Line(r.TheoryRho, r.MixtureDensity, Name = "Fokker–Planck, rate mixture") ]
    |> Chart.combine |> Chart.withXAxisStyle "efficacy ρ" |> Chart.withYAxisStyle "density"
let panelB =
    [ Chart.Point(r.Times, r.MeanUp, Name = "started UP (network)")
      Chart.Line(r.Times, r.TheoryUp, Name = "started UP (Fokker–Planck)")
      Chart.Point(r.Times, r.MeanDown, Name = "started DOWN (network)")
      Chart.Line(r.Times, r.TheoryDown, Name = "started DOWN (Fokker–Planck)")
      Chart.Line(r.Times, r.TheoryUpMeasured, Name = "UP, FP with measured α", LineDash = StyleParam.DrawingStyle.Dash)
      Chart.Line(r.Times, r.TheoryDownMeasured, Name = "DOWN, FP with measured α", LineDash = StyleParam.DrawingStyle.Dash) ]
    |> Chart.combine |> Chart.withXAxisStyle "t (s)" |> Chart.withYAxisStyle "mean ρ"

let chart =
    Chart.Grid(1, 2, SubPlotTitles = [ sprintf "A  ρ distribution at t = %.0f s (KS %.3f)" duration r.KsMeanField; "B  mean ρ of the initially UP / DOWN synapses" ])
        [ panelA; panelB ]
    |> Chart.withTitle (sprintf "Plastic E→E synapses in a recurrent network (ν_E = %.1f Hz) vs mean field" r.RateE)

let data =
    Figure.long [ "A", "1", "1"; "B", "s", "1" ] [
        "A", "network histogram", Seq.ofArray hx, Seq.ofArray hy
        "A", "FP population rate", Seq.ofArray r.TheoryRho, Seq.ofArray r.TheoryDensity
        "A", "FP rate mixture", Seq.ofArray r.TheoryRho, Seq.ofArray r.MixtureDensity
        "B", "up network", Seq.ofArray r.Times, Seq.ofArray r.MeanUp
        "B", "up FP", Seq.ofArray r.Times, Seq.ofArray r.TheoryUp
        "B", "down network", Seq.ofArray r.Times, Seq.ofArray r.MeanDown
        "B", "down FP", Seq.ofArray r.Times, Seq.ofArray r.TheoryDown
        "B", "up FP measured alpha", Seq.ofArray r.Times, Seq.ofArray r.TheoryUpMeasured
        "B", "down FP measured alpha", Seq.ofArray r.Times, Seq.ofArray r.TheoryDownMeasured ]

Figure.save "Calcium_WeightDistribution" (1300, 520) chart data
