package org.rclab.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.rclab.heap.RefcountMisuseException;
import org.rclab.scheme.PluginJar;

/**
 * The kit against schemes that are broken on purpose: a green kit must mean something. Each
 * broken scheme comes from a plugin jar built here, as a third party's would be, and the kit's
 * tests run against it through the JUnit launcher.
 */
class KitCatchesBrokenSchemesTest {
    /**
     * Kit runs against the plain-count scheme; each must fail. A run whose race tests do not catch
     * the scheme takes their time budget, so the default is small; measure the catch rate with
     * {@code -Drclab.kit.runs=50}.
     */
    private static final int RUNS = Integer.getInteger("rclab.kit.runs", 2);

    /** The kit's tests that race threads against each other. */
    private static final List<String> RACE_TESTS = List.of(
            "concurrentIncrefDecrefPairsKeepTheCountExact",
            "concurrentAppendsLoseNoItemAndKeepItemCountsExact",
            "creatorAndAnotherThreadReleasingAtTheSameMomentFreeEachObjectOnce",
            "creatorAppendingWhileAnotherThreadPopsAndReleasesFreesEverything",
            "readersRacingAReplacingWriterNeverSeeAFreedItem",
            "twoObjectSectionsInOppositeOrdersTerminateAndExclude",
            "nestedSingleObjectSectionsFromTwoThreadsExclude");

    /** The kit's single-threaded tests that re-enter a section. */
    private static final List<String> REENTRY_TESTS = List.of(
            "criticalSectionsNestOverOneAndTwoObjects",
            "nestedSingleObjectSectionsReenterTheSameObject");

    @TempDir
    Path dir;

    /** The kit against {@code plain-count}; run only through the launcher, never by itself. */
    static final class PlainCountKit extends SchemeConformanceTest {
        @Override
        protected String schemeName() {
            return "plain-count";
        }
    }

    /** The kit against {@code non-reentrant}; run only through the launcher, never by itself. */
    static final class NonReentrantKit extends SchemeConformanceTest {
        @Override
        protected String schemeName() {
            return "non-reentrant";
        }
    }

    /** A kit test that never returns, to prove the kit's bound; run only through the launcher. */
    static final class HangingKit extends SchemeConformanceTest {
        @Override
        protected String schemeName() {
            return "unsafe";
        }

        @Test
        void waitsForever() throws InterruptedException {
            new CountDownLatch(1).await();
        }
    }

    @Test
    void aKitTestThatNeverReturnsFailsWithItsStackAtTheBound() throws Exception {
        final String before = System.getProperty(KitBound.BOUND_PROPERTY);
        System.setProperty(KitBound.BOUND_PROPERTY, "2");
        final TestExecutionSummary summary;
        try {
            summary = runKit(null, HangingKit.class, List.of("waitsForever"));
        } finally {
            if (before == null) {
                System.clearProperty(KitBound.BOUND_PROPERTY);
            } else {
                System.setProperty(KitBound.BOUND_PROPERTY, before);
            }
        }
        assertEquals(1, summary.getTotalFailureCount());
        final String message = summary.getFailures().get(0).getException().getMessage();
        assertTrue(message.contains("waitsForever did not finish within PT2S"), message);
        assertTrue(message.contains("KitCatchesBrokenSchemesTest$HangingKit.waitsForever("),
                "the stuck thread's stack is shown: " + message);
    }

    @Test
    void plainCountsClaimingThreadSafetyFailTheKitInEveryRun() throws Exception {
        final Path jar = PluginJar.plainCountClaimingSafety(dir);
        final Map<String, Integer> caughtBy = new TreeMap<>();
        final Map<String, Integer> reported = new TreeMap<>();
        int caughtRuns = 0;
        for (int run = 0; run < RUNS; run++) {
            final TestExecutionSummary summary = runKit(jar, PlainCountKit.class, RACE_TESTS);
            assertEquals(RACE_TESTS.size(), summary.getTestsStartedCount(), "every race test ran");
            if (summary.getTotalFailureCount() > 0) {
                caughtRuns++;
            }
            for (final TestExecutionSummary.Failure f : summary.getFailures()) {
                caughtBy.merge(f.getTestIdentifier().getDisplayName().replace("()", ""), 1, Integer::sum);
                reported.merge(what(f.getException()), 1, Integer::sum);
            }
        }
        System.out.println("plain-count caught in " + caughtRuns + " of " + RUNS + " kit runs; by test: " + caughtBy
                + "; reported as: " + reported);
        assertEquals(RUNS, caughtRuns, "a scheme that loses counts passed the kit's race tests in "
                + (RUNS - caughtRuns) + " of " + RUNS + " runs; catches by test: " + caughtBy);
    }

    @Test
    void sectionsThatWaitForThemselvesFailTheKitWithAMessage() throws Exception {
        final Path jar = PluginJar.nonReentrantSections(dir);
        final TestExecutionSummary summary = runKit(jar, NonReentrantKit.class, REENTRY_TESTS);
        assertEquals(REENTRY_TESTS.size(), summary.getTotalFailureCount(), "each re-entry test fails");
        for (final TestExecutionSummary.Failure failure : summary.getFailures()) {
            final String message = String.valueOf(failure.getException().getMessage());
            assertTrue(message.contains("sections must be re-entrant"), message);
            assertTrue(message.contains("NonReentrantScheme.lock"), "the stuck thread's stack is shown: " + message);
        }
    }

    /** A failure's kind: the exception's class, and that of the worker failure it wraps, if any. */
    private static String what(final Throwable failure) {
        final Throwable cause = failure.getCause();
        if (cause == null) {
            return failure.getClass().getSimpleName();
        }
        final String kind = cause instanceof RefcountMisuseException
                ? ((RefcountMisuseException) cause).kind().label() : cause.getClass().getSimpleName();
        return failure.getClass().getSimpleName() + " <- " + kind;
    }

    /**
     * Runs some of the kit's tests through the JUnit launcher with a plugin jar (or none) on the
     * context class path.
     */
    private static TestExecutionSummary runKit(final Path jar, final Class<? extends SchemeConformanceTest> kit,
            final List<String> tests) throws Exception {
        final SummaryGeneratingListener listener = new SummaryGeneratingListener();
        final LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request();
        tests.forEach(name -> request.selectors(selectMethod(kit, name)));
        final Thread current = Thread.currentThread();
        final ClassLoader before = current.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(jar == null ? new URL[0] : new URL[] {jar.toUri().toURL()},
                KitCatchesBrokenSchemesTest.class.getClassLoader())) {
            // The kit finds schemes with ServiceLoader on the context class loader, which the
            // threads it starts inherit.
            current.setContextClassLoader(loader);
            LauncherFactory.create().execute(request.build(), listener);
        } finally {
            current.setContextClassLoader(before);
        }
        return listener.getSummary();
    }
}
