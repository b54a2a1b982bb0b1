/// The public C# surface reads the same from C# and F# (issue #18): no public member of the library assemblies
/// returns or takes a struct tuple (`ValueTuple`, which F# must match with `struct (a, b)`; named records
/// deconstruct in C# and have named properties in F#), every public seed is a `ulong` (as in the spiking kernel),
/// and every `With` copy method has camelCase parameters (the .NET guideline; `LifNeuron.With(tauRef = …)` like
/// `LifParameters.With(threshold = …)`). Checked by reflection over the assemblies as built.
module Theory.Tests.Pipeline.ApiConsistencyTests

open System
open System.Collections.Generic
open System.Reflection
open System.Runtime.CompilerServices
open System.Text.RegularExpressions
open Expecto

/// The library assemblies (the packed ones a user references; the CLI is a tool, not an API).
let libraryAssemblies = [ "Theory"; "Theory.Spiking"; "Theory.Experiments"; "Theory.FSharp" ]

/// True when the type is or contains (through arrays, by-refs, generic arguments) a System.ValueTuple.
let rec containsValueTuple (t: Type) =
    if t.HasElementType then containsValueTuple (t.GetElementType())
    elif t.IsGenericType then
        let d = t.GetGenericTypeDefinition()
        (d.Namespace = "System" && d.Name.StartsWith "ValueTuple") || t.GetGenericArguments() |> Array.exists containsValueTuple
    else t.Namespace = "System" && t.Name = "ValueTuple"

/// A seed by name: `seed`, `Seed`, `signalSeed`, … (not `kicksPerSeed`, a count).
let isSeedName (name: string) = Regex.IsMatch(name, "^(seed|\\w*Seed)$", RegexOptions.IgnoreCase) && not (name.Contains "PerSeed" || name.Contains "perSeed")

/// Several seeds by name: `seeds`, `Seeds`, `signalSeeds`.
let isSeedsName (name: string) = Regex.IsMatch(name, "^(seeds|\\w*Seeds)$", RegexOptions.IgnoreCase)

/// A seed's type: ulong, ulong? (optional arguments) or ulong& (Deconstruct's out parameter).
let isSeedType (t: Type) =
    let t = if t.IsByRef then t.GetElementType() else t
    t = typeof<uint64> || t = typeof<Nullable<uint64>>

/// Several seeds: a count (int) or a collection of ulong seeds.
let isSeedsType (t: Type) =
    let t = if t.IsByRef then t.GetElementType() else t
    let t = match Nullable.GetUnderlyingType t with null -> t | u -> u
    t = typeof<int> || typeof<IEnumerable<uint64>>.IsAssignableFrom t

let private flags = BindingFlags.Public ||| BindingFlags.Instance ||| BindingFlags.Static ||| BindingFlags.DeclaredOnly

let private generated (m: MemberInfo) = m.IsDefined(typeof<CompilerGeneratedAttribute>, false)

/// Every violation in the public surface of an assembly, one line each (type.member: what).
let violations (asm: Assembly) : string list =
    [ for t in asm.GetExportedTypes() do
          let n = t.FullName
          let methods = t.GetMethods flags |> Array.filter (generated >> not)
          let ctors = t.GetConstructors(BindingFlags.Public ||| BindingFlags.Instance)
          for m in methods do
              if containsValueTuple m.ReturnType then yield $"{n}.{m.Name} returns the struct tuple {m.ReturnType}"
          for m in Seq.append (Seq.cast<MethodBase> methods) (Seq.cast<MethodBase> ctors) do
              for p in m.GetParameters() do
                  if containsValueTuple p.ParameterType then yield $"{n}.{m.Name}: parameter {p.Name} is the struct tuple {p.ParameterType}"
                  if isSeedName p.Name && not (isSeedType p.ParameterType) then
                      yield $"{n}.{m.Name}: seed parameter {p.Name} is {p.ParameterType}, not UInt64"
                  if isSeedsName p.Name && not (isSeedsType p.ParameterType) then
                      yield $"{n}.{m.Name}: seeds parameter {p.Name} is {p.ParameterType}, not a count or UInt64 seeds"
              if m.Name = "With" then
                  for p in m.GetParameters() do
                      if not (Char.IsLower p.Name[0]) then yield $"{n}.With: parameter {p.Name} is not camelCase"
          for p in t.GetProperties flags do
              if containsValueTuple p.PropertyType then yield $"{n}.{p.Name} is the struct tuple {p.PropertyType}"
              if isSeedName p.Name && not (isSeedType p.PropertyType) then yield $"{n}.{p.Name}: seed property is {p.PropertyType}, not UInt64"
          for f in t.GetFields flags do
              if containsValueTuple f.FieldType then yield $"{n}.{f.Name} is the struct tuple {f.FieldType}" ]

/// Types the checker must flag (its teeth): a struct-tuple return, an int seed, a PascalCase With parameter.
type BadSurface() =
    /// A struct tuple.
    member _.Pair() = struct (1.0, 2)
    /// An int seed.
    member _.Draw(seed: int) = seed
    /// A PascalCase parameter.
    member _.With(TauRef: float) = TauRef

[<Tests>]
let tests =
    testList "Pipeline.ApiConsistency" [
        test "the checker flags a struct tuple, an int seed and a PascalCase With parameter" {
            let flagged = violations (typeof<BadSurface>.Assembly) |> List.filter (fun v -> v.Contains "BadSurface")
            Expect.exists flagged (fun v -> v.Contains "Pair returns the struct tuple") "struct tuple flagged"
            Expect.exists flagged (fun v -> v.Contains "seed parameter seed is System.Int32") "int seed flagged"
            Expect.exists flagged (fun v -> v.Contains "parameter TauRef is not camelCase") "PascalCase With flagged"
            Expect.isTrue (isSeedType typeof<uint64> && isSeedType typeof<Nullable<uint64>> && isSeedType (typeof<uint64>.MakeByRefType()))
                "ulong, ulong? and ulong& are seed types"
            Expect.isFalse (isSeedName "kicksPerSeed") "kicksPerSeed is a count, not a seed"
            Expect.isTrue (isSeedName "signalSeed") "signalSeed is a seed"
            Expect.isTrue (isSeedsType typeof<uint64[]> && isSeedsType typeof<int> && not (isSeedsType typeof<int[]>)) "seeds: a count or ulong seeds"
        }
        for name in libraryAssemblies do
            test $"{name}: no struct tuples in the public surface, every seed a UInt64, every With parameter camelCase" {
                let asm = Assembly.Load(AssemblyName name)
                let v = violations asm
                Expect.isEmpty v $"""{name}: {v.Length} inconsistencies:{Environment.NewLine}  {String.Join(Environment.NewLine + "  ", v)}"""
            }
    ]
