package org.rclab.cli;

import java.io.PrintStream;
import java.util.List;

import org.rclab.scheme.Scheme;
import org.rclab.scheme.Schemes;

/**
 * The Java entry of {@code ./rclab schemes}: lists every scheme {@link java.util.ServiceLoader}
 * finds on the class path (the project's scheme jars, {@code plugins/*.jar} and every
 * {@code --plugin} jar, which the launcher script puts there).
 */
public final class RclabMain {
    /** Exit status for a command-line mistake, as the launcher documents. */
    public static final int USAGE_ERROR = 2;

    private RclabMain() {
    }

    /**
     * Runs a subcommand and exits with its status.
     *
     * @param args the subcommand and its options
     */
    public static void main(final String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs a subcommand.
     *
     * @param args the subcommand and its options
     * @param out where results go
     * @param err where errors go
     * @return the exit status
     */
    public static int run(final String[] args, final PrintStream out, final PrintStream err) {
        if (args.length == 0 || !args[0].equals("schemes")) {
            err.println("rclab: " + (args.length == 0 ? "no subcommand" : "unknown subcommand '" + args[0] + "'")
                    + " (this entry runs: schemes)");
            return USAGE_ERROR;
        }
        if (args.length > 1) {
            err.println("rclab schemes: unexpected argument '" + args[1] + "' (schemes takes no options)");
            return USAGE_ERROR;
        }
        final List<Scheme> schemes;
        try {
            schemes = Schemes.discover();
        } catch (final IllegalStateException e) {
            err.println("rclab schemes: " + e.getMessage());
            return 1;
        }
        if (schemes.isEmpty()) {
            err.println("rclab schemes: no scheme found on the class path");
            return 1;
        }
        final int width = schemes.stream().mapToInt(s -> s.name().length()).max().orElse(0);
        for (final Scheme scheme : schemes) {
            out.printf("%-" + width + "s  %-15s  %s%n", scheme.name(),
                    scheme.threadSafe() ? "thread-safe" : "not thread-safe", scheme.description());
        }
        return 0;
    }
}
