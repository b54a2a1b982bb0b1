/// Every public type and member of the packed assemblies (Theory, Theory.Spiking,
/// Theory.Experiments, Theory.Cli, Theory.FSharp) has an entry in the XML doc file built beside
/// the assembly. The C# projects also fail to build without them (CS1591 is an error there);
/// F# has no such warning, so this test is the check for Theory.FSharp.
module Theory.Tests.Pipeline.DocsTests

open System
open System.IO
open System.Reflection
open System.Runtime.CompilerServices
open System.Xml.Linq
open Expecto

/// The packed assemblies, by simple name.
let packedAssemblies = [ "Theory"; "Theory.Spiking"; "Theory.Experiments"; "Theory.Cli"; "Theory.FSharp" ]

/// The `name` attribute of every `<member>` in an XML doc file (`T:`, `M:`, `P:`, `F:`, `E:` ids),
/// and for each type id the names of its `<param>` tags (a positional record documents its
/// properties there; the C# compiler writes no `P:` entry for them).
let docIds (xmlPath: string) : string[] * Map<string, Set<string>> =
    let members = XDocument.Load(xmlPath).Descendants(XName.Get "member") |> Seq.toArray
    let name (e: XElement) = e.Attribute(XName.Get "name").Value
    let ids = members |> Array.map name
    let typeParams =
        members
        |> Array.filter (fun m -> (name m).StartsWith "T:")
        |> Array.map (fun m ->
            name m,
            m.Elements(XName.Get "param") |> Seq.map (fun p -> p.Attribute(XName.Get "name").Value) |> Set.ofSeq)
        |> Map.ofArray
    ids, typeParams

/// The doc-id form of a type name: namespace, nesting with '.', generic arity as `n.
let docTypeName (t: Type) = t.FullName.Replace('+', '.')

let private isCompilerGenerated (m: MemberInfo) =
    m.IsDefined(typeof<CompilerGeneratedAttribute>, false)

/// F# union types (CompilationMapping SumType): their Tag and Is* members are compiler plumbing.
let private isFSharpUnion (t: Type) =
    t.GetCustomAttributes(false)
    |> Seq.exists (fun a ->
        a.GetType().FullName = "Microsoft.FSharp.Core.CompilationMappingAttribute"
        && (a.GetType().GetProperty("SourceConstructFlags").GetValue(a).ToString()).Contains("SumType"))

/// Record and object plumbing that carries no documentation of its own.
let private plumbing =
    set [ "Equals"; "GetHashCode"; "ToString"; "Deconstruct"; "<Clone>$"; "EqualityContract"
          "op_Equality"; "op_Inequality"; "PrintMembers"; "CompareTo" ]

/// The doc ids (without parameter lists) that a type and its public declared members need.
let requiredIds (t: Type) : string list =
    let name = docTypeName t
    let union = isFSharpUnion t
    let skip (m: MemberInfo) =
        isCompilerGenerated m
        || plumbing.Contains m.Name
        || (union && (m.Name = "Tag" || (m.Name.StartsWith "Is" && m.MemberType = MemberTypes.Property)))
        || (t.IsEnum && m.Name = "value__")
        || (typeof<Delegate>.IsAssignableFrom t && m.MemberType = MemberTypes.Method)
    let flags = BindingFlags.Public ||| BindingFlags.Instance ||| BindingFlags.Static ||| BindingFlags.DeclaredOnly
    [ yield "T:" + name
      for m in t.GetMethods flags do
          // property and event accessors are documented through their property or event
          if not m.IsSpecialName || m.Name.StartsWith "op_" then
              if not (skip m) then yield "M:" + name + "." + m.Name
      for p in t.GetProperties flags do
          if not (skip p) then yield "P:" + name + "." + p.Name
      for f in t.GetFields flags do
          if not (skip f) then yield "F:" + name + "." + f.Name
      for e in t.GetEvents flags do
          if not (skip e) then yield "E:" + name + "." + e.Name ]

/// True when some doc id is `required` followed by '(' (parameters), '`' (generic arity), '~'
/// (conversion return type) or nothing.
let documented (ids: string[]) (required: string) =
    ids |> Array.exists (fun id ->
        id.StartsWith(required, StringComparison.Ordinal)
        && (id.Length = required.Length || (let c = id[required.Length] in c = '(' || c = '`' || c = '~')))

/// The public types of an assembly that the doc file must cover (compiler-generated ones aside).
let publicTypes (asm: Assembly) =
    asm.GetExportedTypes()
    |> Array.filter (fun t -> not (isCompilerGenerated t))
    |> Array.sortBy (fun t -> t.FullName)

/// The required doc ids that the assembly's XML doc file (same path, extension .xml) lacks.
let missingDocs (asm: Assembly) : string list =
    let xml = Path.ChangeExtension(asm.Location, ".xml")
    if not (File.Exists xml) then failwith $"no XML doc file beside {asm.Location}"
    let ids, typeParams = docIds xml
    let recordParam (r: string) =
        // P:Ns.Type.Prop is documented by <param name="Prop"> on T:Ns.Type
        r.StartsWith "P:"
        && (let dot = r.LastIndexOf '.'
            match typeParams.TryFind("T:" + r.Substring(2, dot - 2)) with
            | Some ps -> ps.Contains(r.Substring(dot + 1))
            | None -> false)
    [ for t in publicTypes asm do
          for r in requiredIds t do
              if not (documented ids r || recordParam r) then yield r ]

[<Tests>]
let tests =
    testList "Pipeline.Docs" [
        // the checker itself: a documented and an undocumented id are told apart
        test "doc id matching: parameters, arity, end; not a longer name" {
            let ids = [| "M:A.B.Run(System.Double)"; "M:A.B.Map``1(``0)"; "P:A.B.Rate"; "T:A.B" |]
            Expect.isTrue (documented ids "M:A.B.Run") "method with parameters"
            Expect.isTrue (documented ids "M:A.B.Map") "generic method"
            Expect.isTrue (documented ids "P:A.B.Rate") "property"
            Expect.isTrue (documented ids "T:A.B") "type"
            Expect.isFalse (documented ids "M:A.B.Ru") "a prefix of a longer name is not a match"
            Expect.isFalse (documented ids "P:A.B.RateHz") "a longer name is not a match"
            Expect.isFalse (documented ids "M:A.B.Stop") "an absent member"
        }
        for name in packedAssemblies do
            test $"every public type and member of {name} has an XML doc entry" {
                let asm = Assembly.Load(AssemblyName name)
                let missing = missingDocs asm
                Expect.isGreaterThan (publicTypes asm).Length 0 $"{name} exports public types"
                let list = String.Join("\n  ", missing)
                Expect.isEmpty missing $"{name}: {missing.Length} public types/members without a doc comment:\n  {list}"
            }
    ]
