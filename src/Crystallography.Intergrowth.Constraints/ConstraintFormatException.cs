namespace Crystallography.Intergrowth.Constraints;

/// <summary>
/// A constraint's text could not be read: the message names the offending token, its column
/// (1-based) and what was expected, e.g.
/// <c>column 18, '**': expected a number or a parameter after '*'</c>.
/// </summary>
public sealed class ConstraintFormatException : FormatException
{
    /// <summary>Creates the exception for a token at a column of a constraint's text.</summary>
    /// <param name="text">The whole text being parsed.</param>
    /// <param name="column">The 1-based column of the token at fault (one past the end for a missing token).</param>
    /// <param name="token">The token at fault, or an empty string at the end of the text.</param>
    /// <param name="reason">What was wrong or expected.</param>
    public ConstraintFormatException(string text, int column, string token, string reason)
        : base($"Constraint '{text}', column {column}, {(token.Length == 0 ? "end of text" : $"'{token}'")}: {reason}")
    {
        Text = text;
        Column = column;
        Token = token;
    }

    /// <summary>The text being parsed.</summary>
    public string Text { get; }

    /// <summary>The 1-based column of the token at fault.</summary>
    public int Column { get; }

    /// <summary>The token at fault (empty at the end of the text).</summary>
    public string Token { get; }
}
