package org.rclab.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads result blobs recorded by real sanity runs of the suite ({@code ./rclab stress --mode
 * sanity}, fixtures in {@code src/test/resources/fixtures}) and checks the verdicts they give.
 */
class JcstressResultsTest {
    @TempDir
    Path temp;

    @Test
    void unsafeRecordingGivesTheFindingsItsOutcomesName() throws IOException {
        final Map<String, VerdictRow> rows = judge("unsafe", fixture("unsafe-sanity.bin.gz"));

        assertEquals(Verdict.LEAKS, rows.get("02-decref-decref").verdict());
        assertEquals(Verdict.LOSES_COUNTS, rows.get("09-abba-sections").verdict(), "a termination test's ERROR");
        assertEquals(Verdict.USE_AFTER_FREE, rows.get("13-read-pop-grow").verdict());
        assertEquals(Verdict.DOUBLE_FREE, rows.get("11-dict-put-put").verdict());
        assertEquals(0, rows.get("05-queue-path").forbidden(), "one releaser per object: nothing races");
        assertEquals(20, rows.get("02-decref-decref").forbidden());
        assertEquals(37, rows.get("02-decref-decref").samples());
        assertTrue(rows.get("02-decref-decref").note().startsWith("most frequent forbidden outcome: [27, 0] x 2, leaks:"),
                rows.get("02-decref-decref").note());
        assertTrue(rows.get("10-released-touch").demonstration());
    }

    @Test
    void gilRecordingIsCleanExceptTheDemonstration() throws IOException {
        final Map<String, VerdictRow> rows = judge("gil", fixture("gil-sanity.bin.gz"));

        for (final VerdictRow row : rows.values()) {
            assertTrue(row.samples() > 0, row.scenario() + " has samples");
            if (row.demonstration()) {
                assertEquals(Verdict.LOSES_COUNTS, row.verdict());
            } else {
                // The blob alone carries no metrics, so a row with targeted paths cannot be clean.
                assertEquals(0, row.forbidden(), row.scenario());
                assertTrue(row.verdict() == Verdict.CLEAN || row.verdict() == Verdict.NOT_EXERCISED, row.scenario());
            }
        }
        assertTrue(Verdicts.problems(List.copyOf(rows.values()), Map.of("gil", true), false).isEmpty());
    }

    @Test
    void everyScenarioOfTheSuiteGetsARowEvenWhenMissingFromTheBlob() throws IOException {
        final List<Suite.Entry> suite = Suite.scenarios();

        final List<ScenarioRun> runs = JcstressResults.read(fixture("gil-sanity.bin.gz"), suite);

        assertEquals(suite.size(), runs.size());
    }

    @Test
    void blobCutShortKeepsWhatWasReadAndMissingScenariosAreErrors() throws IOException {
        final byte[] whole = Files.readAllBytes(fixture("unsafe-sanity.bin.gz"));
        final Path cut = temp.resolve("cut.bin.gz");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 3));

        final List<ScenarioRun> runs = JcstressResults.read(cut, Suite.scenarios());

        final long withSamples = runs.stream().filter(r -> r.samples() > 0).count();
        assertTrue(withSamples < runs.size(), "a third of the blob cannot hold every scenario");
        for (final ScenarioRun run : runs) {
            if (run.samples() == 0) {
                assertEquals(Verdict.ERROR, Verdicts.judge("unsafe", run).verdict());
            }
        }
    }

    @Test
    void blobCutBeforeItsFirstResultGivesEveryScenarioZeroSamples() throws IOException {
        final byte[] whole = Files.readAllBytes(fixture("unsafe-sanity.bin.gz"));
        final Path cut = temp.resolve("header-only.bin.gz");
        Files.write(cut, Arrays.copyOf(whole, 12));

        final List<ScenarioRun> runs = JcstressResults.read(cut, Suite.scenarios());

        assertEquals(Suite.scenarios().size(), runs.size());
        assertTrue(runs.stream().allMatch(r -> r.samples() == 0));
    }

    private Map<String, VerdictRow> judge(final String scheme, final Path blob) throws IOException {
        final Map<String, VerdictRow> rows = new LinkedHashMap<>();
        for (final ScenarioRun run : JcstressResults.read(blob, Suite.scenarios())) {
            rows.put(run.scenario(), Verdicts.judge(scheme, run));
        }
        return rows;
    }

    private Path fixture(final String name) throws IOException {
        final Path copy = temp.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IOException("missing fixture " + name);
            }
            Files.copy(in, copy);
        }
        return copy;
    }
}
