using MathNet.Numerics.LinearAlgebra;

namespace Theory.Numerics;

/// <summary>
/// Effective rank (O. Roy &amp; M. Vetterli, "The effective rank: a measure of effective
/// dimensionality", EUSIPCO 2007, Def. 1): erank(M) = exp(H(p)), H(p) = −Σ_k p_k ln p_k,
/// p_k = σ_k / Σ_j σ_j over the singular values σ_k (0·ln 0 = 0). 1 ≤ erank ≤ rank(M).
/// </summary>
public static class EffectiveRank
{
    /// <summary>erank from singular values (finite, ≥ 0, not all zero).</summary>
    public static double FromSingularValues(double[] singularValues)
    {
        Guard.AllFinite(singularValues, nameof(singularValues));
        if (singularValues.Length == 0)
            throw new ArgumentException("singularValues is empty: at least one value is required.", nameof(singularValues));
        double sum = 0;
        for (int i = 0; i < singularValues.Length; i++)
        {
            if (singularValues[i] < 0)
                throw new ArgumentException($"singularValues[{i}] = {singularValues[i]} is invalid: it must be >= 0.", nameof(singularValues));
            sum += singularValues[i];
        }
        if (!(sum > 0))
            throw new ArgumentException("singularValues are all zero: the effective rank of a zero matrix is undefined.", nameof(singularValues));
        double h = 0;
        foreach (var s in singularValues)
        {
            double p = s / sum;
            if (p > 0) h -= p * Math.Log(p);
        }
        return Math.Exp(h);
    }

    /// <summary>erank of a (nonzero, finite) real matrix.</summary>
    public static double Of(Matrix<double> m)
    {
        if (m is null) throw new ArgumentException("m is null: a matrix is required.", nameof(m));
        Guard.AllFinite(m.AsColumnMajorArray() ?? m.ToColumnMajorArray(), nameof(m));
        return FromSingularValues(m.Svd(false).S.ToArray());
    }
}
