package org.rclab.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.rclab.bench.turns.CellsInTurn;

/**
 * The benchmarks this jar holds, read from the list JMH's annotation processor writes
 * ({@code META-INF/BenchmarkList}), so the command never keeps a second list of its own.
 */
final class Catalog {
    private final List<Entry> entries;
    private final Map<String, Entry> turns;

    private Catalog(final List<Entry> entries, final Map<String, Entry> turns) {
        this.entries = List.copyOf(entries);
        this.turns = Map.copyOf(turns);
    }

    /**
     * One benchmark method of one class.
     *
     * @param benchmark the full name JMH knows it by, {@code org.rclab.bench.OwnedPair.ownedPair}
     * @param method the method name, {@code ownedPair}
     * @param threadSafeOnly whether its class is marked {@link ThreadSafeSchemesOnly}
     * @param threads the worker threads JMH runs it with
     * @param params each parameter's default values (none for {@code scheme})
     */
    record Entry(String benchmark, String method, boolean threadSafeOnly, int threads, Map<String, String[]> params) {
        /**
         * JMH's include pattern for exactly this benchmark.
         *
         * @return the regular expression
         */
        String includePattern() {
            return "^\\Q" + benchmark + "\\E$";
        }
    }

    /**
     * Reads the benchmark list from the class path.
     *
     * @return the catalog
     * @throws IllegalStateException if the list is missing (the jar was built without JMH's processor)
     */
    static Catalog load() {
        final ClassLoader loader = Catalog.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(BenchmarkList.BENCHMARK_LIST.substring(1))) {
            if (in == null) {
                throw new IllegalStateException("no " + BenchmarkList.BENCHMARK_LIST
                        + " on the class path: benchmarks.jar was built without JMH's annotation processor");
            }
            final List<Entry> entries = new ArrayList<>();
            final Map<String, Entry> turns = new TreeMap<>();
            for (final BenchmarkListEntry e : BenchmarkList.readBenchmarkList(in)) {
                final String name = e.getUsername();
                final Map<String, String[]> params = e.getParams().orElse(Map.of());
                final Entry entry = new Entry(name, name.substring(name.lastIndexOf('.') + 1),
                        load(loader, e.getUserClassQName()).isAnnotationPresent(ThreadSafeSchemesOnly.class),
                        e.getThreads().orElse(1), params);
                if (e.getUserClassQName().equals(CellsInTurn.class.getName())) {
                    turns.put(entry.method(), entry);
                } else {
                    entries.add(entry);
                }
            }
            entries.sort(Comparator.comparing(Entry::benchmark));
            return new Catalog(entries, turns);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every benchmark.
     *
     * @return the entries, sorted by full name
     */
    List<Entry> entries() {
        return entries;
    }

    /**
     * A benchmark that runs other benchmarks' cells in turn in one fork ({@link CellsInTurn}): not a
     * cell of its own, so neither among {@link #entries()} nor selectable with {@code --only}.
     *
     * @param method its method, {@link CellsInTurn#BARE} or {@link CellsInTurn#COUNTDOWNS}
     * @return its entry, or {@code null} if the jar lacks it
     */
    Entry turns(final String method) {
        return turns.get(method);
    }

    /**
     * The benchmark method names, which {@code --only} selects by.
     *
     * @return the names, sorted
     */
    List<String> methods() {
        return List.copyOf(new TreeSet<>(entries.stream().map(Entry::method).toList()));
    }

    /** Loads a class by JMH's dotted name, where a nested class's '$' has become a '.'. */
    private static Class<?> load(final ClassLoader loader, final String dotted) {
        String name = dotted;
        while (true) {
            try {
                return Class.forName(name, false, loader);
            } catch (final ClassNotFoundException e) {
                final int dot = name.lastIndexOf('.');
                if (dot < 0) {
                    throw new IllegalStateException("benchmark class " + dotted + " is not on the class path", e);
                }
                name = name.substring(0, dot) + '$' + name.substring(dot + 1);
            }
        }
    }
}
