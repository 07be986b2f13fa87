package org.rclab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class CPythonWorkerTest {
    @TempDir
    Path dir;

    /** A fake worker: a shell script speaking (or breaking) the protocol. */
    private CPythonWorker fake(final String body) throws IOException {
        final Path script = dir.resolve("worker.sh");
        Files.writeString(script, body);
        return CPythonWorker.start(List.of("sh", script.toString()), script, CPythonWorker.ANSWER_TIMEOUT);
    }

    @Test
    void aWorkersAnswerIsItsWallAndCpuNanosecondsAndItsGreetingItsVersion() throws IOException {
        try (CPythonWorker worker = fake("echo ready Fake 1.0; while read cmd n; do echo ok $n $((n / 2)); done\n")) {
            assertEquals("Fake 1.0", worker.version());
            assertEquals(new CPythonWorker.Timing(1000, 500), worker.countdown(1000, true),
                    "the fake answers the steps it was given and half of them");
            assertEquals(new CPythonWorker.Timing(7, 3), worker.countdown(7, false));
        }
    }

    @Test
    void aWorkerAnsweringGarbageFailsWithOneLineNamingItAndWhatItSaid() throws IOException {
        try (CPythonWorker worker = fake("echo ready Fake 1.0; read line; echo ok banana 3; read line; echo ok -5 3; "
                + "read line; echo ok 5\n")) {
            final IllegalStateException e = assertThrows(IllegalStateException.class, () -> worker.countdown(1000, true));
            assertTrue(e.getMessage().startsWith("CPython worker (sh "), e.getMessage());
            assertTrue(e.getMessage().endsWith("answered 'ok banana 3' to 'thread 1000', not 'ok NANOS CPU_NANOS'"),
                    e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
            final IllegalStateException negative = assertThrows(IllegalStateException.class,
                    () -> worker.countdown(5, false));
            assertTrue(negative.getMessage().endsWith("answered 'ok -5 3' to 'main 5', not 'ok NANOS CPU_NANOS'"),
                    negative.getMessage());
            final IllegalStateException noCpu = assertThrows(IllegalStateException.class, () -> worker.countdown(5, true));
            assertTrue(noCpu.getMessage().endsWith("answered 'ok 5' to 'thread 5', not 'ok NANOS CPU_NANOS'"),
                    noCpu.getMessage());
        }
    }

    @Test
    void aWorkerThatDiesSaysHowItEndedAndItsLastError() throws IOException {
        try (CPythonWorker worker = fake("echo ready Fake 1.0; read line; echo 'MemoryError: boom' >&2; exit 3\n")) {
            final IllegalStateException e = assertThrows(IllegalStateException.class, () -> worker.countdown(1000, true));
            assertTrue(e.getMessage().endsWith("ended after 'thread 1000' without an answer (exit status 3): MemoryError: boom"),
                    e.getMessage());
        }
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // without the watchdog the read blocks 10 min
    void aWorkerThatGoesSilentIsKilledAfterItsTimeoutAndSaysSo() throws IOException {
        final Path script = dir.resolve("silent.sh");
        Files.writeString(script, "echo ready Fake 1.0; read line; exec sleep 600\n");
        try (CPythonWorker worker = CPythonWorker.start(List.of("sh", script.toString()), script, Duration.ofSeconds(1))) {
            final IllegalStateException e = assertThrows(IllegalStateException.class, () -> worker.countdown(1000, true));
            assertTrue(e.getMessage().contains("gave no answer to 'thread 1000' in 1 s and was killed"), e.getMessage());
        }
    }

    @Test
    void aProgramThatIsNotTheWorkerIsRefusedAtItsStart() throws IOException {
        final Path script = dir.resolve("not-a-worker.sh");
        Files.writeString(script, "echo 'Python 2.7.18'\n");
        final IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> CPythonWorker.start(List.of("sh", script.toString()), null, CPythonWorker.ANSWER_TIMEOUT));
        assertTrue(e.getMessage().endsWith("said 'Python 2.7.18' at its start, not 'ready IMPLEMENTATION VERSION'"),
                e.getMessage());
    }

    @Test
    void theShippedScriptServesTheSeedsCountdownInAStartedThreadAndInTheMainThread() throws IOException {
        assumeTrue(CPythonWorker.python().isPresent(), "no python3 on the PATH");
        try (CPythonWorker worker = CPythonWorker.start()) {
            assertTrue(worker.version().startsWith("CPython "), worker.version());
            // A step of the seeds' loop takes nanoseconds in any CPython: a million of them at least a
            // millisecond, of wall time and of the counting thread's CPU time, which the wall time bounds.
            for (final boolean started : new boolean[] {true, false}) {
                final CPythonWorker.Timing timing = worker.countdown(1_000_000, started);
                assertTrue(timing.cpuNanos() > 1_000_000, timing.toString());
                assertTrue(timing.nanos() >= timing.cpuNanos(), timing.toString());
            }
        }
    }
}
