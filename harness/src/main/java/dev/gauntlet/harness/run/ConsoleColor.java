package dev.gauntlet.harness.run;

/**
 * Colour for verdict words on a terminal: green pass, red fail, yellow unknown. Off when {@code NO_COLOR} is
 * set to anything non-empty (no-color.org), when {@code TERM} is {@code dumb}, or when the output is not a
 * terminal (a pipe, a file, a CI log).
 *
 * <pre>{@code out.println("verdict: " + ConsoleColor.verdict(result.verdict()));}</pre>
 */
public final class ConsoleColor {

    private static final boolean ON = enabled(System.getenv("NO_COLOR"), System.getenv("TERM"), System.console() != null);

    private ConsoleColor() {
    }

    /** Whether colour is used, given NO_COLOR, TERM and whether stdout is a terminal. */
    static boolean enabled(String noColor, String term, boolean terminal) {
        return terminal && (noColor == null || noColor.isEmpty()) && !"dumb".equals(term);
    }

    /** {@code verdict} coloured by what it says, when colour is on. */
    public static String verdict(String verdict) {
        return paint(verdict, ON);
    }

    static String paint(String verdict, boolean on) {
        if (!on || verdict == null) {
            return verdict;
        }
        String code = switch (verdict) {
            case "pass" -> "32";
            case "fail" -> "31";
            default -> "33";
        };
        return "\u001b[" + code + "m" + verdict + "\u001b[0m";
    }
}
