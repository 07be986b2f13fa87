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
    void aWorkersAnswerIsItsNanosecondsAndItsGreetingItsVersion() throws IOException {
        try (CPythonWorker worker = fake("echo ready Fake 1.0; while read cmd n; do echo ok $n; done\n")) {
            assertEquals("Fake 1.0", worker.version());
            assertEquals(1000, worker.countdown(1000, true), "the fake answers the steps it was given");
            assertEquals(7, worker.countdown(7, false));
        }
    }

    @Test
    void aWorkerAnsweringGarbageFailsWithOneLineNamingItAndWhatItSaid() throws IOException {
        try (CPythonWorker worker = fake("echo ready Fake 1.0; read line; echo ok banana; read line; echo ok -5\n")) {
            final IllegalStateException e = assertThrows(IllegalStateException.class, () -> worker.countdown(1000, true));
            assertTrue(e.getMessage().startsWith("CPython worker (sh "), e.getMessage());
            assertTrue(e.getMessage().endsWith("answered 'ok banana' to 'thread 1000', not 'ok NANOS'"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
            final IllegalStateException negative = assertThrows(IllegalStateException.class,
                    () -> worker.countdown(5, false));
            assertTrue(negative.getMessage().endsWith("answered 'ok -5' to 'main 5', not 'ok NANOS'"), negative.getMessage());
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
            // A step of the seeds' loop takes nanoseconds in any CPython: a million of them at least a millisecond.
            assertTrue(worker.countdown(1_000_000, true) > 1_000_000);
            assertTrue(worker.countdown(1_000_000, false) > 1_000_000);
        }
    }
}
