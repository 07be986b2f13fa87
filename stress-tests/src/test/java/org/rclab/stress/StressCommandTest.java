package org.rclab.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class StressCommandTest {
    private static final List<String> KNOWN = List.of("brc", "gil", "unsafe");
    private static final List<String> SCENARIOS = List.of("01-incref-incref", "09-abba-sections");

    @Test
    void defaultsToQuickAndEveryScheme() {
        final StressCommand.Options options = StressCommand.parse(new String[0], KNOWN, SCENARIOS);

        assertEquals(Mode.QUICK, options.mode());
        assertEquals(KNOWN, options.schemes());
        assertEquals(Path.of("results", "stress"), options.results());
    }

    @Test
    void schemesAreRepeatableAndKeptInOrder() {
        final StressCommand.Options options = StressCommand.parse(
                new String[] {"--scheme", "unsafe", "--mode=sanity", "--scheme=gil", "--scheme", "unsafe"}, KNOWN, SCENARIOS);

        assertEquals(Mode.SANITY, options.mode());
        assertEquals(List.of("unsafe", "gil"), options.schemes());
    }

    @Test
    void scenariosAreRepeatableAndDefaultToAll() {
        assertEquals(List.of(), StressCommand.parse(new String[0], KNOWN, SCENARIOS).scenarios());
        assertEquals(List.of("09-abba-sections"), StressCommand.parse(
                new String[] {"--scenario", "09-abba-sections", "--scenario=09-abba-sections"}, KNOWN, SCENARIOS).scenarios());
    }

    @Test
    void unknownScenarioListsTheValidOnes() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StressCommand.parse(new String[] {"--scenario", "99-nothing"}, KNOWN, SCENARIOS));

        assertEquals("unknown scenario '99-nothing'; valid scenarios: 01-incref-incref, 09-abba-sections", e.getMessage());
    }

    @Test
    void badScenarioExitsTwoWithOneLine() {
        final ByteArrayOutputStream err = new ByteArrayOutputStream();

        final int status = StressCommand.run(new String[] {"--scenario", "99-nothing"}, print(new ByteArrayOutputStream()),
                print(err));

        assertEquals(StressCommand.USAGE, status);
        assertEquals(1, err.toString(StandardCharsets.UTF_8).lines().count());
    }

    @Test
    void unknownModeListsTheValidOnes() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StressCommand.parse(new String[] {"--mode", "fast"}, KNOWN, SCENARIOS));

        assertEquals("unknown mode 'fast'; valid modes: sanity, quick, default, tough", e.getMessage());
    }

    @Test
    void unknownSchemeListsTheValidOnes() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StressCommand.parse(new String[] {"--scheme", "nogil"}, KNOWN, SCENARIOS));

        assertEquals("unknown scheme 'nogil'; valid schemes: brc, gil, unsafe", e.getMessage());
    }

    @Test
    void optionWithoutValueIsAUsageError() {
        assertThrows(IllegalArgumentException.class, () -> StressCommand.parse(new String[] {"--mode"}, KNOWN, SCENARIOS));
        assertThrows(IllegalArgumentException.class, () -> StressCommand.parse(new String[] {"-x"}, KNOWN, SCENARIOS));
    }

    @Test
    void badModeExitsTwoWithOneLine() {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();

        final int status = StressCommand.run(new String[] {"--mode", "fast"}, print(out), print(err));

        assertEquals(StressCommand.USAGE, status);
        final String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.startsWith("stress: unknown mode 'fast'"));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void badSchemeExitsTwoNamingTheDiscoveredOnes() {
        final ByteArrayOutputStream err = new ByteArrayOutputStream();

        final int status = StressCommand.run(new String[] {"--scheme", "nogil"}, print(new ByteArrayOutputStream()),
                print(err));

        assertEquals(StressCommand.USAGE, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unsafe"), "runtime-core's control is discovered");
    }

    @Test
    void estimateGrowsWithSchemesAndScenarios() {
        assertTrue(Mode.QUICK.estimateSeconds(4, 11) > Mode.QUICK.estimateSeconds(1, 11));
        assertTrue(Mode.TOUGH.estimateSeconds(1, 11) > Mode.SANITY.estimateSeconds(1, 11));
    }

    private static PrintStream print(final ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
