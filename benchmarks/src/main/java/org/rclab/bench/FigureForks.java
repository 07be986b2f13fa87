package org.rclab.bench;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.rclab.bench.report.InTurn;
import org.rclab.bench.report.Measurement;
import org.rclab.bench.report.Target;

/**
 * The forks a run's figures read: the default and quick runs measure what {@code targets.tsv}
 * names for the selected schemes, not every benchmark under every scheme. The matrix grows with
 * each scheme and benchmark the lab gains, while the number of rounds, not the number of cells,
 * is what settles a verdict; a run that measured every cell would have to give up rounds, and
 * with them its verdicts, to stay within its time.
 *
 * <p>A fork is kept when a figure of a selected scheme reads it (either side of its ratio, with
 * the scheme the cell names, {@code @control} included); when its scheme has no figure at all (a
 * plugin scheme, or a new one whose author has not written its lines yet: it is measured
 * everywhere, as before); and when it is the control's twin of a kept fork, so that every kept
 * cell still shows its ratio to the control in the summary.
 */
final class FigureForks {
    private FigureForks() {
    }

    /**
     * Selects the forks the figures need.
     *
     * @param all every fork the benchmarks and schemes allow, in plan order
     * @param targets the figures
     * @param schemes the selected schemes' names
     * @param control the control scheme, or {@code null}
     * @return the kept forks, in plan order
     */
    static List<BenchCommand.Plan.Fork> select(final List<BenchCommand.Plan.Fork> all, final List<Target> targets,
                                               final Set<String> schemes, final String control) {
        final List<Target> figures = targets.stream().filter(t -> schemes.contains(t.scheme())).toList();
        final Set<String> withFigures = figures.stream().map(Target::scheme).collect(Collectors.toSet());
        final Set<BenchCommand.Plan.Fork> kept = new HashSet<>();
        final Set<Cell> needControl = new HashSet<>();
        for (final BenchCommand.Plan.Fork fork : all) {
            final String scheme = fork.params().get(Measurement.SCHEME);
            final boolean everywhere = scheme != null && !scheme.equals(control) && !withFigures.contains(scheme);
            if (everywhere || readByAFigure(fork, figures, control)) {
                kept.add(fork);
                if (scheme != null && !scheme.equals(control)) {
                    needControl.add(Cell.of(fork));
                }
            }
        }
        // The catalog's order is kept: a round shuffles the forks anyway, but the tests and a
        // reader of the plan see it sorted.
        return all.stream().filter(f -> kept.contains(f) || control != null
                && control.equals(f.params().get(Measurement.SCHEME)) && needControl.contains(Cell.of(f))).toList();
    }

    private static boolean readByAFigure(final BenchCommand.Plan.Fork fork, final List<Target> figures,
                                         final String control) {
        for (final Target t : figures) {
            for (final Target.Cell cell : t.cells()) {
                // A fork that runs its shapes in turn serves a cell of each of its shapes.
                for (final Map<String, String> params : InTurn.measured(fork.params())) {
                    if (cell.reads(t.scheme(), control, fork.entry().method(), params, fork.entry().threads())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** A benchmark with its parameters, the scheme aside: what a fork and its control twin share. */
    private record Cell(String benchmark, Map<String, String> params) {
        static Cell of(final BenchCommand.Plan.Fork fork) {
            final Map<String, String> params = new TreeMap<>(fork.params());
            params.remove(Measurement.SCHEME);
            return new Cell(fork.entry().benchmark(), params);
        }
    }
}
