package org.rclab.stress;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipException;

import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.infra.Status;
import org.openjdk.jcstress.infra.collectors.DiskReadCollector;
import org.openjdk.jcstress.infra.collectors.TestResult;
import org.openjdk.jcstress.infra.grading.GradingResult;
import org.openjdk.jcstress.infra.grading.TestGrading;
import org.rclab.stress.scenarios.ForkMetrics;

/**
 * Reads a jcstress result blob ({@code jcstress-results-*.bin.gz}) into one {@link ScenarioRun}
 * per scenario of the suite.
 *
 * <p>The blob is the truth, not jcstress's exit code: jcstress exits 0 when a filter matches
 * nothing or a test cannot be scheduled on the CPUs it has. A scenario missing from the blob is
 * returned with zero samples, which the verdict calls an error. A blob cut short (a run that was
 * killed) is read up to where it ends. The runs carry no metrics yet ({@link ForkMetrics#none()});
 * {@link JcstressRun} adds what the forks wrote.
 */
public final class JcstressResults {
    private JcstressResults() {
    }

    /**
     * Reads a blob.
     *
     * @param blob the result file jcstress wrote
     * @param suite the scenarios expected in it
     * @return a run per scenario, in suite order
     * @throws IOException if the file cannot be opened
     */
    public static List<ScenarioRun> read(final Path blob, final List<Suite.Entry> suite) throws IOException {
        final Map<String, Accumulator> byTest = new LinkedHashMap<>();
        for (final Suite.Entry entry : suite) {
            byTest.put(entry.test(), new Accumulator(entry));
        }
        final DiskReadCollector reader;
        try {
            reader = new DiskReadCollector(blob.toString(), result -> {
                final Accumulator acc = byTest.get(result.getName());
                if (acc != null) {
                    acc.add(result);
                }
            });
        } catch (final EOFException | ZipException e) {
            // Cut short before the first result: nothing was recorded.
            return empty(suite);
        }
        try {
            reader.dump();
        } catch (final EOFException | ZipException e) {
            // A blob cut short: what was read is kept, what is missing shows as missing samples.
        } catch (final ClassNotFoundException e) {
            throw new IOException("result blob " + blob + " holds a class this jcstress does not know", e);
        } finally {
            reader.close();
        }
        final List<ScenarioRun> runs = new ArrayList<>();
        for (final Accumulator acc : byTest.values()) {
            runs.add(acc.toRun());
        }
        return runs;
    }

    /**
     * The runs of a suite that recorded nothing (jcstress wrote no result file).
     *
     * @param suite the scenarios
     * @return a run with zero samples per scenario
     */
    public static List<ScenarioRun> empty(final List<Suite.Entry> suite) {
        final List<ScenarioRun> runs = new ArrayList<>();
        for (final Suite.Entry entry : suite) {
            runs.add(new Accumulator(entry).toRun());
        }
        return runs;
    }

    /** Sums one scenario's forks. */
    private static final class Accumulator {
        private final Suite.Entry entry;
        private final Map<String, OutcomeCount> outcomes = new TreeMap<>();
        private final List<String> errors = new ArrayList<>();
        private long samples;
        private boolean timedOut;

        Accumulator(final Suite.Entry entry) {
            this.entry = entry;
        }

        void add(final TestResult result) {
            final Status status = result.status();
            if (status == Status.TIMEOUT_ERROR) {
                timedOut = true;
            } else if (status != Status.NORMAL) {
                final List<String> messages = result.getMessages();
                errors.add(status + (messages.isEmpty() ? "" : ": " + messages.get(0)));
            }
            samples += result.getTotalCount();
            if (result.getTotalCount() == 0) {
                return;
            }
            final TestGrading grading = TestGrading.grade(result);
            for (final GradingResult graded : grading.gradingResults.values()) {
                outcomes.merge(graded.id, new OutcomeCount(graded.id, grade(graded.expect), graded.count,
                                graded.description),
                        (a, b) -> new OutcomeCount(a.state(), a.grade(), a.count() + b.count(), a.description()));
            }
        }

        ScenarioRun toRun() {
            return new ScenarioRun(entry, samples, List.copyOf(outcomes.values()), timedOut, errors,
                    ForkMetrics.none());
        }

        private static OutcomeCount.Grade grade(final Expect expect) {
            switch (expect) {
                case ACCEPTABLE:
                    return OutcomeCount.Grade.ACCEPTABLE;
                case ACCEPTABLE_INTERESTING:
                    return OutcomeCount.Grade.INTERESTING;
                default:
                    // FORBIDDEN, and UNKNOWN (an outcome no @Outcome matched), which jcstress
                    // also treats as a failure.
                    return OutcomeCount.Grade.FORBIDDEN;
            }
        }
    }
}
