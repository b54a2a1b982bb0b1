using System.Globalization;
using System.Text;
using MathNet.Numerics.LinearAlgebra;
using Theory.Numerics;

namespace Theory.Cli;

/// <summary>`theory schur --matrix W.csv --out DIR`: real Schur form W = U T Uᵀ, writes U.csv and
/// T.csv (round-trip precision) and prints n and the backward error as key=value.</summary>
public static class SchurCommand
{
    public static int Run(string[] args)
    {
        var o = new Options(args);
        var path = o.String("matrix") ?? throw new ArgumentException("--matrix is required (a CSV file of a square matrix).", "matrix");
        var outDir = o.String("out") ?? throw new ArgumentException("--out is required (the directory for U.csv and T.csv).", "out");
        o.RejectUnknown();
        var w = MatrixCsv.Read(path, "matrix");
        var f = RealSchur.Decompose(w);
        double err = (w - f.Reconstruct()).FrobeniusNorm() / Math.Max(w.FrobeniusNorm(), double.Epsilon);
        Directory.CreateDirectory(outDir);
        MatrixCsv.Write(Path.Combine(outDir, "U.csv"), f.U);
        MatrixCsv.Write(Path.Combine(outDir, "T.csv"), f.T);
        Console.WriteLine($"n={w.RowCount}");
        Console.WriteLine($"backward_error={Options.Num(err)}");
        Console.WriteLine($"U={Path.Combine(outDir, "U.csv")}");
        Console.WriteLine($"T={Path.Combine(outDir, "T.csv")}");
        return 0;
    }
}

/// <summary>Square matrices as CSV: one row per line, comma-separated, invariant culture.
/// Blank lines are ignored; anything malformed is reported with its line number.</summary>
internal static class MatrixCsv
{
    public static Matrix<double> Read(string path, string option)
    {
        if (!File.Exists(path)) throw new ArgumentException($"--{option} = '{path}': file not found.", option);
        var rows = new List<double[]>();
        int lineNo = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNo++;
            var line = raw.Trim();
            if (line.Length == 0) continue;
            var cells = line.Split(',');
            var row = new double[cells.Length];
            for (int j = 0; j < cells.Length; j++)
            {
                var c = cells[j].Trim();
                if (!double.TryParse(c, NumberStyles.Float, CultureInfo.InvariantCulture, out row[j]) || !double.IsFinite(row[j]))
                    throw new ArgumentException($"--{option} = '{path}', line {lineNo}, column {j + 1}: '{c}' is not a finite number.", option);
            }
            if (rows.Count > 0 && row.Length != rows[0].Length)
                throw new ArgumentException($"--{option} = '{path}', line {lineNo}: {row.Length} values, but the first row has {rows[0].Length}.", option);
            rows.Add(row);
        }
        if (rows.Count == 0) throw new ArgumentException($"--{option} = '{path}': the file holds no matrix.", option);
        if (rows.Count != rows[0].Length)
            throw new ArgumentException($"--{option} = '{path}': the matrix is {rows.Count}×{rows[0].Length} (line {lineNo}): it must be square.", option);
        return Matrix<double>.Build.DenseOfRowArrays(rows);
    }

    public static void Write(string path, Matrix<double> m)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < m.RowCount; i++)
        {
            for (int j = 0; j < m.ColumnCount; j++)
            {
                if (j > 0) sb.Append(',');
                sb.Append(m[i, j].ToString("R", CultureInfo.InvariantCulture));
            }
            sb.Append('\n');
        }
        File.WriteAllText(path, sb.ToString());
    }
}
