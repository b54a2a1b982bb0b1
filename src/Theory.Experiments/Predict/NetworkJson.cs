using System.Text;
using System.Text.Json;
using Theory.MeanField;

namespace Theory.Experiments.Predict;

/// <summary>
/// The JSON file format of a <see cref="NetworkDescription"/> (schema "theory-network/1", docs/network-schema.md), read
/// and written with System.Text.Json. Numbers are written in their shortest round-trip form, so file → description →
/// file is exact. Reading rejects unknown and missing fields with an ArgumentException whose parameter name is the
/// field's path (e.g. <c>populations[1].tau_m_ms</c>).
/// </summary>
public static class NetworkJson
{
    /// <summary>The schema identifier written to and required in the "schema" field.</summary>
    public const string Schema = "theory-network/1";

    /// <summary>File name of a membrane kind: "delta", "exp_current", "conductance".</summary>
    public static string Name(MembraneKind k) => k switch { MembraneKind.Delta => "delta", MembraneKind.ExpCurrent => "exp_current", _ => "conductance" };
    /// <summary>File name of a channel: "v", "exc", "inh" (also the kernel's channel names).</summary>
    public static string Name(SynapseChannel c) => c switch { SynapseChannel.V => "v", SynapseChannel.Exc => "exc", _ => "inh" };
    /// <summary>File name of a rule: "fixed_indegree", "fixed_probability", "one_to_one", "fixed_total_number".</summary>
    public static string Name(ConnectionRule r) => r switch
    {
        ConnectionRule.FixedInDegree => "fixed_indegree", ConnectionRule.FixedProbability => "fixed_probability",
        ConnectionRule.FixedTotalNumber => "fixed_total_number", _ => "one_to_one",
    };

    /// <summary>The description as indented JSON.</summary>
    public static string Write(NetworkDescription d)
    {
        Guard.NotNull(d).Validated();
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("schema", Schema);
            w.WriteString("name", d.Name);
            w.WriteNumber("dt_ms", d.DtMs);
            w.WriteStartArray("populations");
            foreach (var p in d.Populations)
            {
                w.WriteStartObject();
                w.WriteString("name", p.Name);
                w.WriteNumber("size", p.Size);
                w.WriteString("model", Name(p.Model));
                w.WriteNumber("tau_m_ms", p.TauMMs);
                w.WriteNumber("c_m_pF", p.CmPf);
                w.WriteNumber("e_l_mV", p.ELMv);
                w.WriteNumber("v_th_mV", p.VThMv);
                w.WriteNumber("v_reset_mV", p.VResetMv);
                w.WriteNumber("t_ref_ms", p.TRefMs);
                w.WriteNumber("tau_syn_ex_ms", p.TauSynExMs);
                w.WriteNumber("tau_syn_in_ms", p.TauSynInMs);
                w.WriteNumber("e_ex_mV", p.EExMv);
                w.WriteNumber("e_in_mV", p.EInMv);
                w.WriteNumber("i_bias_pA", p.IBiasPa);
                w.WriteNumber("v_init_low_mV", p.VInitLowMv);
                w.WriteNumber("v_init_high_mV", p.VInitHighMv);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("projections");
            foreach (var j in d.Projections)
            {
                var unit = d.Populations[d.IndexOf(j.Post)].WeightUnit;
                w.WriteStartObject();
                w.WriteString("pre", j.Pre);
                w.WriteString("post", j.Post);
                w.WriteString("rule", Name(j.Rule));
                if (j.Rule == ConnectionRule.FixedInDegree) w.WriteNumber("indegree", j.InDegree);
                if (j.Rule == ConnectionRule.FixedProbability) w.WriteNumber("probability", j.Probability);
                if (j.Rule == ConnectionRule.FixedTotalNumber) w.WriteNumber("total_number", j.TotalNumber);
                w.WriteBoolean("autapses", j.Autapses);
                w.WriteString("synapse", Name(j.Synapse));
                w.WriteString("weight_unit", unit);
                w.WriteNumber("weight_mean", j.WeightMean);
                w.WriteNumber("weight_sd", j.WeightSd);
                w.WriteNumber("delay_mean_ms", j.DelayMeanMs);
                w.WriteNumber("delay_sd_ms", j.DelaySdMs);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("poisson_inputs");
            foreach (var x in d.PoissonInputs)
            {
                w.WriteStartObject();
                w.WriteString("target", x.Target);
                w.WriteNumber("count", x.Count);
                w.WriteNumber("rate_hz", x.RateHz);
                w.WriteString("synapse", Name(x.Synapse));
                w.WriteString("weight_unit", d.Populations[d.IndexOf(x.Target)].WeightUnit);
                w.WriteNumber("weight", x.Weight);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray()) + "\n";
    }

    /// <summary>Writes <paramref name="d"/> to <paramref name="path"/>.</summary>
    public static void Save(NetworkDescription d, string path) => File.WriteAllText(Guard.NotNull(path), Write(d));

    /// <summary>Reads a description from the file <paramref name="path"/>.</summary>
    public static NetworkDescription Load(string path) => Read(File.ReadAllText(Guard.NotNull(path)));

    /// <summary>Parses and validates a description; ArgumentException naming the offending field.</summary>
    public static NetworkDescription Read(string json)
    {
        Guard.NotNull(json);
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }); }
        catch (JsonException e) { throw new ArgumentException($"json is not valid JSON: {e.Message}", "json"); }
        using (doc)
        {
            var root = doc.RootElement;
            var o = new Obj(root, "");
            string schema = o.Str("schema");
            if (schema != Schema) throw new ArgumentException($"schema = '{schema}' is invalid: it must be '{Schema}'.", "schema");
            string name = o.Str("name");
            double dt = o.Num("dt_ms");
            var pops = o.Arr("populations").Select(e =>
            {
                var model = e.Enum("model", new Dictionary<string, MembraneKind> { ["delta"] = MembraneKind.Delta, ["exp_current"] = MembraneKind.ExpCurrent, ["conductance"] = MembraneKind.Conductance });
                bool syn = model != MembraneKind.Delta, cond = model == MembraneKind.Conductance;
                var p = new PopulationDescription(e.Str("name"), e.Int("size"), model, e.Num("tau_m_ms"), e.Num("c_m_pF"), e.Num("e_l_mV"),
                    e.Num("v_th_mV"), e.Num("v_reset_mV"), e.Num("t_ref_ms"),
                    e.Num("tau_syn_ex_ms", syn ? null : 0), e.Num("tau_syn_in_ms", syn ? null : 0),
                    e.Num("e_ex_mV", cond ? null : 0), e.Num("e_in_mV", cond ? null : 0), e.Num("i_bias_pA", 0),
                    e.Num("v_init_low_mV"), e.Num("v_init_high_mV"));
                e.NoOthers();
                return p;
            }).ToArray();
            var projs = o.Arr("projections").Select(e =>
            {
                var rule = e.Enum("rule", new Dictionary<string, ConnectionRule> { ["fixed_indegree"] = ConnectionRule.FixedInDegree, ["fixed_probability"] = ConnectionRule.FixedProbability, ["one_to_one"] = ConnectionRule.OneToOne, ["fixed_total_number"] = ConnectionRule.FixedTotalNumber });
                long total = rule == ConnectionRule.FixedTotalNumber ? e.Long("total_number") : 0;
                var j = new ProjectionDescription(e.Str("pre"), e.Str("post"), rule,
                    rule == ConnectionRule.FixedInDegree ? e.Int("indegree") : 0,
                    rule == ConnectionRule.FixedProbability ? e.Num("probability") : 0,
                    e.Bool("autapses", false), Channel(e), e.Num("weight_mean"), e.Num("weight_sd", 0), e.Num("delay_mean_ms"), e.Num("delay_sd_ms", 0)) { TotalNumber = total };
                e.Unit(pops, j.Post);
                e.NoOthers();
                return j;
            }).ToArray();
            var poisson = o.Arr("poisson_inputs", optional: true).Select(e =>
            {
                var x = new PoissonDescription(e.Str("target"), e.Int("count"), e.Num("rate_hz"), e.Num("weight"), Channel(e));
                e.Unit(pops, x.Target);
                e.NoOthers();
                return x;
            }).ToArray();
            o.NoOthers();
            return new NetworkDescription(name, dt, pops, projs, poisson).Validated();
        }
    }

    static SynapseChannel Channel(Obj e) =>
        e.Enum("synapse", new Dictionary<string, SynapseChannel> { ["v"] = SynapseChannel.V, ["exc"] = SynapseChannel.Exc, ["inh"] = SynapseChannel.Inh });

    /// <summary>A JSON object being read: remembers the fields consumed, so that unknown ones are reported.</summary>
    sealed class Obj
    {
        readonly JsonElement _e;
        readonly string _path;
        readonly HashSet<string> _seen = new();

        public Obj(JsonElement e, string path)
        {
            if (e.ValueKind != JsonValueKind.Object)
                throw new ArgumentException($"{(path == "" ? "the document" : path)} is a {e.ValueKind}: it must be an object.", path == "" ? "json" : path);
            _e = e; _path = path;
        }

        string F(string field) => _path == "" ? field : $"{_path}.{field}";

        JsonElement? Get(string field)
        {
            _seen.Add(field);
            return _e.TryGetProperty(field, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;
        }

        public string Str(string field)
        {
            var v = Get(field) ?? throw Missing(field);
            if (v.ValueKind != JsonValueKind.String) throw Bad(field, v, "it must be a string");
            return v.GetString()!;
        }

        public double Num(string field, double? dflt = null)
        {
            var v = Get(field);
            if (v is null) return dflt ?? throw Missing(field);
            if (v.Value.ValueKind != JsonValueKind.Number || !v.Value.TryGetDouble(out double x) || !double.IsFinite(x)) throw Bad(field, v.Value, "it must be a finite number");
            return x;
        }

        public int Int(string field)
        {
            var v = Get(field) ?? throw Missing(field);
            if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out int x)) throw Bad(field, v, "it must be an integer in the 32-bit range");
            return x;
        }

        public long Long(string field)
        {
            var v = Get(field) ?? throw Missing(field);
            if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out long x)) throw Bad(field, v, "it must be an integer in the 64-bit range");
            return x;
        }

        public bool Bool(string field, bool dflt)
        {
            var v = Get(field);
            if (v is null) return dflt;
            if (v.Value.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) throw Bad(field, v.Value, "it must be true or false");
            return v.Value.GetBoolean();
        }

        public T Enum<T>(string field, Dictionary<string, T> names)
        {
            string s = Str(field);
            return names.TryGetValue(s, out var t) ? t
                : throw new ArgumentException($"{F(field)} = '{s}' is invalid: it must be one of {string.Join(", ", names.Keys.Select(k => $"'{k}'"))}.", F(field));
        }

        public Obj[] Arr(string field, bool optional = false)
        {
            var v = Get(field);
            if (v is null) return optional ? [] : throw Missing(field);
            if (v.Value.ValueKind != JsonValueKind.Array) throw Bad(field, v.Value, "it must be an array");
            return v.Value.EnumerateArray().Select((e, i) => new Obj(e, $"{F(field)}[{i}]")).ToArray();
        }

        /// <summary>Checks "weight_unit" against the unit of the target population.</summary>
        public void Unit(PopulationDescription[] pops, string target)
        {
            string u = Str("weight_unit");
            var p = pops.FirstOrDefault(q => q.Name == target);
            if (p is not null && p.WeightUnit != u)
                throw new ArgumentException($"{F("weight_unit")} = '{u}' is invalid: weights onto the {Name(p.Model)} population '{target}' are in '{p.WeightUnit}'.", F("weight_unit"));
        }

        public void NoOthers()
        {
            foreach (var prop in _e.EnumerateObject())
                if (!_seen.Contains(prop.Name))
                    throw new ArgumentException($"{F(prop.Name)} is not a field of the schema {Schema} (see docs/network-schema.md).", F(prop.Name));
        }

        ArgumentException Missing(string field) => new($"{F(field)} is missing: it is required by the schema {Schema}.", F(field));
        ArgumentException Bad(string field, JsonElement v, string what) => new($"{F(field)} = {v.GetRawText()} is invalid: {what}.", F(field));
    }
}
