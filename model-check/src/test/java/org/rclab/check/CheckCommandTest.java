package org.rclab.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.rclab.check.scenarios.SectionExclusion;

class CheckCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(final String... args) {
        return CheckCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String firstErrorLine() {
        return err.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("");
    }

    @Test
    void unknownSchemeIsAUsageErrorNamingTheKnownOnes() {
        assertEquals(CheckCommand.USAGE, run("--scheme", "no-such"));
        assertTrue(firstErrorLine().contains("unknown scheme 'no-such'"), firstErrorLine());
        assertTrue(firstErrorLine().contains("unsafe"), firstErrorLine());
    }

    @Test
    void unknownBudgetIsAUsageError() {
        assertEquals(CheckCommand.USAGE, run("--budget", "forever"));
        assertTrue(firstErrorLine().contains("unknown budget 'forever' (budgets: quick|long)"), firstErrorLine());
    }

    @Test
    void unknownOptionAndMissingValueAreUsageErrors() {
        assertEquals(CheckCommand.USAGE, run("--mode", "quick"));
        assertEquals(CheckCommand.USAGE, run("--scheme"));
        assertEquals("", out.toString(StandardCharsets.UTF_8), "nothing was checked");
    }

    @Test
    void aScenarioForALockTheSchemeDoesNotDeclareIsListedAsNotApplicableWithoutRunning() {
        final CheckRow row = CheckCommand.check(org.rclab.scheme.Schemes.byName("gil"), SectionExclusion.handOff(),
                Budget.QUICK);
        assertEquals("n/a", row.verdict());
        assertEquals(0, row.interleavings());
        assertTrue(row.expected(), "n/a is no broken promise");
    }

    @Test
    void everyDiscoveredSchemeAndScenarioIsCheckedByDefault() {
        final CheckCommand.Options options = CheckCommand.parse(new String[0]);
        assertEquals(org.rclab.scheme.Schemes.names(),
                options.schemes().stream().map(org.rclab.scheme.Scheme::name).toList());
        assertEquals(Scenarios.all().size(), options.scenarios().size());
        assertEquals(Budget.QUICK, options.budget());
    }
}
