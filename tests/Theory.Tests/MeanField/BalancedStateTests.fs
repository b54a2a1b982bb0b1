/// van Vreeswijk–Sompolinsky balanced state and the multi-population solver.
module Theory.Tests.MeanField.BalancedStateTests

open Expecto
open Theory.MeanField
open Theory.Tests.Util

[<Tests>]
let tests =
    testList "MeanField.BalancedState" [
        test "large-K balance: linear solution of the example, existence conditions" {
            let r = BalancedState.LargeK BalancedNetwork.Example
            closeRel 1e-14 10.0 r.RateE "nu_E"
            closeRel 1e-14 7.5 r.RateI "nu_I"
            Expect.isTrue (r.Exists && r.StableOrdering) "exists"
            // j_EX/j_IX < j_EI/j_II: no positive balanced solution
            let bad = BalancedState.LargeK(BalancedNetwork.Example.With(jEX = 0.005))
            Expect.isFalse bad.Exists "violated existence condition" }
        test "finite-K Siegert rates approach the balance solution with O(1/√K) error" {
            let lin = BalancedState.LargeK BalancedNetwork.Example
            let ks = [| 1000.0; 4000.0; 16000.0; 64000.0 |]
            let r = BalancedState.FiniteK(BalancedNetwork.Example, ks)
            let err = r |> Array.map (fun v -> sqrt ((v.[0] - lin.RateE) ** 2.0 + (v.[1] - lin.RateI) ** 2.0))
            for i in 0 .. ks.Length - 1 do printfn "balanced state: K=%g rates (%.4f, %.4f) Hz, error %.4f Hz, sqrt(K)*error %.2f" ks.[i] r.[i].[0] r.[i].[1] err.[i] (sqrt ks.[i] * err.[i])
            for i in 1 .. ks.Length - 1 do
                // quadrupling K should roughly halve the error
                Expect.isTrue (err.[i] < 0.7 * err.[i - 1] && err.[i] > 0.3 * err.[i - 1]) (sprintf "error ratio at K=%g: %g" ks.[i] (err.[i] / err.[i - 1]))
            // every solution is self-consistent
            for i in 0 .. ks.Length - 1 do
                let net = BalancedNetwork.Example.AtK ks.[i]
                let inp = net.Inputs r.[i]
                closeRel 1e-9 r.[i].[0] (Siegert.Rate(inp.Mu.[0], inp.Sigma.[0], LifNeuron.Brunel2000)) "E self-consistent" }
        test "multi-population: Brunel model B with identical E and I reduces to model A" {
            let n = LifNeuron.Brunel2000
            let mb = MultiPopulationNetwork.BrunelModelB(1000.0, 0.25, 1e-4, 5.0, 5.0, 20.0, n, n)
            let r = mb.Solve [| 10.0; 10.0 |]
            closeRel 1e-10 37.9496970857634 r.[0] "E"
            closeRel 1e-10 37.9496970857634 r.[1] "I" }
        test "continuation along ν_ext follows the model-A branch" {
            let n = LifNeuron.Brunel2000
            let ratios = [| 2.0; 2.5; 3.0; 3.5; 4.0 |]
            let fam (q: float) = MultiPopulationNetwork.BrunelModelB(1000.0, 0.25, 1e-4, 6.0, 6.0, 10.0 * q, n, n)
            let r = MultiPopulationNetwork.Continue(System.Func<_, _> fam, ratios, [| 20.0; 20.0 |])
            closeRel 1e-10 55.8412623762044 r.[4].[0] "(6, 4)"
            for i in 1 .. 4 do Expect.isGreaterThan r.[i].[0] r.[i - 1].[0] "rate increases with drive" }
        test "bad inputs are rejected naming the parameter" {
            throwsArg "initialRates" (fun () -> BalancedNetwork.Example.AtK(1000.0).Solve [| 1.0 |] |> ignore)
            throwsArg "k" (fun () -> BalancedNetwork.Example.AtK(0.0) |> ignore)
            throwsArg "JEE" (fun () -> BalancedState.LargeK(BalancedNetwork.Example.With(jEE = -1.0)) |> ignore) }
    ]
