// Diagnosis of the spiking amplification spread (issue #15 leftovers, docs/MODELS.md "Spiking check"):
// calibrates SpikingAmplification.Soc20() once, simulates SEEDS networks × KICKS kicks (the private
// Simulate, by reflection), prints per-network peak ratios of the norm's maximum for all kicks and
// for each half of them, and stores the spike counts and the bin-averaged predicted vectors in OUTDIR
// for spiking_estimators.py. Run: dotnet fsi spiking_split_halves.fsx 8 40 /tmp/out (about 10 min of CPU).
#r "nuget: MathNet.Numerics, 5.0.0"
#r "../../../../src/Theory.Experiments/bin/Release/net10.0/Theory.dll"
#r "../../../../src/Theory.Experiments/bin/Release/net10.0/Theory.Spiking.dll"
#r "../../../../src/Theory.Experiments/bin/Release/net10.0/Theory.Experiments.dll"
open System
open System.Reflection
open MathNet.Numerics.LinearAlgebra
open Theory.Amplification
open Theory.Experiments.Amplification
let nSeeds = int (fsi.CommandLineArgs.[1])
let kicks = int (fsi.CommandLineArgs.[2])
let outDir = fsi.CommandLineArgs.[3]
let sw = Diagnostics.Stopwatch.StartNew()
let e = SpikingAmplification.Soc20()
let cal = e.Calibrate()
printfn "calibrated: r0 %.2f g %.4f Hz/pA tau %.2f ms (%.0f s)" cal.BaselineRate (1e-12*cal.Gain) (1e3*cal.Tau) sw.Elapsed.TotalSeconds
let n = e.W.RowCount
let tau = cal.Tau
let dir = e.X0 / e.X0.L2Norm()
let fine = Array.init 400 (fun k -> float k * (e.TrialLength - e.PreKick) / 400.0)
let trDir = TransientAmplification.Trajectory(e.W, dir, fine, tau)
let maxEntry = trDir.Enumerate() |> Seq.map abs |> Seq.max
let x0 = dir * (e.PeakRate / maxEntry)
let kick = Array.init n (fun i -> x0.[i] * tau / (cal.Gain * e.TauSyn))
let j = e.Couplings cal
let bias = e.Bias cal
let sim = typeof<SpikingAmplification>.GetMethod("Simulate", BindingFlags.NonPublic ||| BindingFlags.Instance)
let peakM = typeof<SpikingAmplification>.GetMethod("Peak", BindingFlags.NonPublic ||| BindingFlags.Static)
let bin = e.Bin
let pre = int (round (e.PreKick / bin))
let bins = int (round (e.TrialLength / bin))
let times = Array.init bins (fun b -> (float (b - pre) + 0.5) * bin)
let peak (y: float[]) =
    let struct (v, t) = peakM.Invoke(null, [| box times; box y; box pre |]) :?> struct (float * float)
    v, t
// prediction, bin averaged
let a = TransientAmplification.Generator(e.W, tau)
let sub = 10
let subStep = Theory.Numerics.MatrixExponential.Expm(a * (bin / float sub))
let mutable cur = Theory.Numerics.MatrixExponential.Expm(a * (bin / float sub / 2.0)) * x0
let predicted = Array.zeroCreate bins
for b in pre .. bins - 1 do
    let mutable acc = 0.0
    for _ in 1 .. sub do acc <- acc + cur.L2Norm(); cur <- subStep * cur
    predicted.[b] <- acc / float sub
let pPeak, pTime = peak predicted
printfn "predicted peak %.2f Hz at %.1f ms" pPeak (1e3*pTime)
// bin-averaged predicted vectors for offline estimators
do
    let mutable c2 = Theory.Numerics.MatrixExponential.Expm(a * (bin / float sub / 2.0)) * x0
    use f = new IO.StreamWriter(IO.Path.Combine(outDir, "predicted_vec.txt"))
    f.WriteLine(sprintf "# tau %.17g gain %.17g r0 %.17g pre %d bins %d bin %g" tau cal.Gain cal.BaselineRate pre bins bin)
    for b in pre .. bins - 1 do
        let acc = Vector<float>.Build.Dense n
        for _ in 1 .. sub do acc.Add(c2, acc); c2 <- subStep * c2
        f.WriteLine(String.Join(",", (acc / float sub).ToArray() |> Array.map (sprintf "%.17g")))
// per trial-set measure: list of (run, kick indices)
let measure (sets: (int[][][] * int list) list) =
    let x = Array2D.zeroCreate n bins
    let mutable trials = 0
    for (run, ks) in sets do
        for k in ks do
            trials <- trials + 1
            let sign = if k % 2 = 0 then 1.0 else -1.0
            for i in 0 .. n-1 do
                for b in 0 .. bins-1 do x.[i,b] <- x.[i,b] + sign * float run.[i].[k].[b]
    let norm = float e.NeuronsPerUnit * bin * float trials
    let sq = Array.init bins (fun b -> Seq.sum (seq { for i in 0..n-1 -> (x.[i,b]/norm)**2.0 }))
    let noise = Array.average sq.[0..pre-1]
    let nn = sq |> Array.mapi (fun b v -> if b < pre then sqrt v else sqrt (max 0.0 (v - noise)))
    let pk, tp = peak nn
    pk / pPeak, tp / pTime, sqrt noise
let runs = Array.init nSeeds (fun s ->
    let r = sim.Invoke(e, [| box j; box bias; box kick; box 0.0; box (e.Seed + uint64 s); box kicks |]) :?> int[][][]
    printfn "seed %d simulated (%.0f s)" s sw.Elapsed.TotalSeconds
    use f = new IO.StreamWriter(IO.Path.Combine(outDir, sprintf "counts_%d_%d.txt" s kicks))
    for i in 0 .. r.Length-1 do
        for k in 0 .. r.[i].Length-1 do f.WriteLine(String.Join(",", r.[i].[k]))
    r)
let half1 = [0 .. kicks/2 - 1]
let half2 = [kicks/2 .. kicks - 1]
let allk = [0 .. kicks - 1]
for s in 0 .. nSeeds-1 do
    let p, t, nz = measure [runs.[s], allk]
    let p1, _, _ = measure [runs.[s], half1]
    let p2, _, _ = measure [runs.[s], half2]
    printfn "seed %d: peak ratio %.3f (halves %.3f %.3f) time ratio %.3f noise %.2f Hz" s p p1 p2 t nz
let jack (sets: int list) =
    let all = sets |> List.map (fun s -> runs.[s], allk)
    let p, t, nz = measure all
    let jp = sets |> List.map (fun q -> let p,_,_ = measure (sets |> List.filter ((<>) q) |> List.map (fun s -> runs.[s], allk)) in p) |> Array.ofList
    let m = Array.average jp
    let se = sqrt (float (jp.Length - 1) / float jp.Length * (jp |> Array.sumBy (fun v -> (v-m)**2.0)))
    printfn "seeds %A: peak ratio %.3f ± %.3f (jackknife), time %.3f, noise %.2f" sets p se t nz
jack [0..3]
if nSeeds > 4 then jack [0..nSeeds-1]
// split-half over all seeds: trial noise alone
let p1,_,_ = measure [ for s in 0..nSeeds-1 -> runs.[s], half1 ]
let p2,_,_ = measure [ for s in 0..nSeeds-1 -> runs.[s], half2 ]
printfn "all seeds, first half kicks %.3f, second half %.3f" p1 p2
printfn "total %.0f s" sw.Elapsed.TotalSeconds
