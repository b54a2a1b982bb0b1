using System.CommandLine;
using System.Globalization;
using System.Text;
using MathNet.Numerics.LinearAlgebra;
using Theory.Numerics;

namespace Theory.Cli;

/// <summary>`theory schur --matrix W.csv --out DIR`: real Schur form W = U T Uᵀ, writes U.csv and
/// T.csv (round-trip precision; the folder appears complete or not at all) and prints n and the
/// relative backward error ‖W − U T Uᵀ‖_F / ‖W‖_F (computed on W scaled by its largest entry, so it
/// exists for any finite W) as key=value.</summary>
public static class SchurCommand
{
    /// <summary>Largest matrix accepted (n × n).</summary>
    public const int MaxN = 2000;

    /// <summary>Largest relative backward error accepted; above it the factors are not written (exit 3).</summary>
    public const double MaxBackwardError = 1e-8;

    /// <summary>Builds the System.CommandLine command `theory schur`, with its options and action.</summary>
    /// <param name="cli">The application: output writers, shared options and error handling.</param>
    public static Command Build(Cli cli)
    {
        var matrix = Opt.Text("--matrix", $"CSV file of a square matrix W, one row per line (at most {MaxN} x {MaxN}, 64 MiB)", required: true);
        var outDir = Opt.Text("--out", "folder for U.csv and T.csv (written complete or not at all)", required: true, helpName: "dir");
        return cli.Command("schur", "real Schur decomposition W = U T U^T: writes U.csv and T.csv, prints n and the backward error",
            pr => Run(cli, pr.GetValue(matrix)!, pr.GetValue(outDir)!), "scale W (entries near the overflow range of doubles).", matrix, outDir);
    }

    static int Run(Cli cli, string path, string outDir)
    {
        if (outDir == "-") throw new ArgumentException("--out = '-' is invalid here: schur writes two tables (U.csv, T.csv); give a folder.", "--out");
        AtomicOutput.CheckDirectoryTarget(outDir, "--out");
        var w = MatrixCsv.Read(path, "--matrix", MaxN);
        cli.Maps(("a", "--matrix"));
        var f = RealSchur.Decompose(w);
        CheckFinite(f.U, "U");
        CheckFinite(f.T, "T");
        double scale = w.Enumerate().Max(Math.Abs);
        double err = 0;
        if (scale > 0)
        {
            var ws = w / scale;
            err = (ws - f.U * (f.T / scale) * f.U.Transpose()).FrobeniusNorm() / ws.FrobeniusNorm();
        }
        if (!(err <= MaxBackwardError))
            throw new ArithmeticException($"the Schur form is inaccurate: backward error {err:0.###e0} > {MaxBackwardError:0e0} (largest entry {scale:0.###e0}); nothing was written");
        string u = MatrixCsv.Format(f.U), t = MatrixCsv.Format(f.T);
        AtomicOutput.WriteDirectory(outDir, [("U.csv", u), ("T.csv", t)], "--out");
        cli.Out.Write($"n={w.RowCount}\nbackward_error={Fmt.Num(err, "backward_error")}\nU={Path.Combine(outDir, "U.csv")}\nT={Path.Combine(outDir, "T.csv")}\n");
        return 0;
    }

    static void CheckFinite(Matrix<double> m, string name)
    {
        if (m.Enumerate().Any(v => !double.IsFinite(v)))
            throw new ArithmeticException($"the Schur factor {name} has non-finite entries (the matrix's scale overflows the iteration)");
    }
}

/// <summary>Square matrices as CSV: one row per line, comma-separated, invariant culture.
/// Blank lines are ignored; anything malformed is reported with its line number.</summary>
internal static class MatrixCsv
{
    public static Matrix<double> Read(string path, string option, int maxN, double maxEntry = double.MaxValue)
    {
        var text = AtomicOutput.ReadInput(path, option);
        var rows = new List<double[]>();
        int lineNo = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNo++;
            var line = raw.Trim();
            if (line.Length == 0) continue;
            var cells = line.Split(',');
            if (cells.Length > maxN)
                throw new ArgumentException($"{option} = '{path}', line {lineNo}: {cells.Length} values; the limit is a {maxN} x {maxN} matrix.", option);
            var row = new double[cells.Length];
            for (int j = 0; j < cells.Length; j++)
            {
                var c = cells[j].Trim();
                if (!double.TryParse(c, NumberStyles.Float, CultureInfo.InvariantCulture, out row[j]) || !double.IsFinite(row[j]))
                    throw new ArgumentException($"{option} = '{path}', line {lineNo}, column {j + 1}: '{c}' is not a finite number.", option);
                if (Math.Abs(row[j]) > maxEntry)
                    throw new ArgumentException($"{option} = '{path}', line {lineNo}, column {j + 1}: {c} is outside the valid range [-{maxEntry:0e0}, {maxEntry:0e0}].", option);
            }
            if (rows.Count > 0 && row.Length != rows[0].Length)
                throw new ArgumentException($"{option} = '{path}', line {lineNo}: {row.Length} values, but the first row has {rows[0].Length}.", option);
            rows.Add(row);
            if (rows.Count > maxN)
                throw new ArgumentException($"{option} = '{path}': more than {maxN} rows; the limit is a {maxN} x {maxN} matrix.", option);
        }
        if (rows.Count == 0) throw new ArgumentException($"{option} = '{path}': the file holds no matrix.", option);
        if (rows.Count != rows[0].Length)
            throw new ArgumentException($"{option} = '{path}': the matrix is {rows.Count}×{rows[0].Length} (line {lineNo}): it must be square.", option);
        return Matrix<double>.Build.DenseOfRowArrays(rows);
    }

    public static string Format(Matrix<double> m)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < m.RowCount; i++)
        {
            for (int j = 0; j < m.ColumnCount; j++)
            {
                if (j > 0) sb.Append(',');
                sb.Append(Fmt.Num(m[i, j], "matrix entry"));
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }
}
