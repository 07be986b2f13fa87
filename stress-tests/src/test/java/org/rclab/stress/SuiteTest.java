package org.rclab.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.infra.StateCase;
import org.openjdk.jcstress.infra.TestInfo;
import org.openjdk.jcstress.infra.runners.TestList;

/** The suite as jcstress's processor listed it covers DESIGN section 4 and labels its outcomes. */
class SuiteTest {
    @Test
    void everyScenarioOfTheDesignHasARow() {
        final Set<String> numbers = new TreeSet<>();
        for (final Suite.Entry entry : Suite.scenarios()) {
            numbers.add(entry.scenario().substring(0, 2));
        }

        assertEquals(Set.of("01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14", "15",
                "16", "17", "18", "19"), numbers);
    }

    @Test
    void scenarioNamesAreUnique() {
        final List<Suite.Entry> entries = Suite.scenarios();
        final Set<String> names = new HashSet<>();
        for (final Suite.Entry entry : entries) {
            assertTrue(names.add(entry.scenario()), "duplicate scenario name " + entry.scenario());
        }
    }

    @Test
    void theOnlyDemonstrationIsTheReleasedOne() {
        final List<Suite.Entry> demonstrations = Suite.scenarios().stream().filter(Suite.Entry::demonstration).toList();

        assertEquals(1, demonstrations.size());
        assertTrue(demonstrations.get(0).scenario().contains("released"));
    }

    @Test
    void everyForbiddenOutcomeNamesAVerdict() {
        for (final Suite.Entry entry : Suite.scenarios()) {
            final TestInfo info = TestList.getInfo(entry.test());
            assertFalse(info.cases().isEmpty(), entry.test());
            for (final StateCase outcome : info.cases()) {
                if (outcome.expect() == Expect.FORBIDDEN) {
                    assertTrue(Verdict.ofDescription(outcome.description()).isPresent(),
                            entry.test() + ": forbidden outcome '" + outcome.description()
                                    + "' must start with one of " + Verdict.words() + " and a colon");
                } else {
                    assertTrue(Verdict.ofDescription(outcome.description()).isEmpty(),
                            entry.test() + ": allowed outcome '" + outcome.description() + "' must not name a verdict");
                }
            }
        }
    }

    @Test
    void everyScenarioHasADescriptionAndTheDemonstrationNeitherTargetsNorDemands() {
        for (final Suite.Entry entry : Suite.scenarios()) {
            assertFalse(entry.description().isEmpty(), entry.scenario());
            if (entry.demonstration()) {
                assertTrue(entry.paths().isEmpty() && !entry.controlFails(), entry.scenario());
            }
        }
    }

    @Test
    void filterOfSomeScenariosSelectsExactlyThem() {
        final List<Suite.Entry> some = Suite.scenarios().subList(1, 3);
        final Pattern filter = Pattern.compile(Suite.filter(some));

        assertEquals(some.stream().map(Suite.Entry::test).toList(),
                TestList.tests().stream().filter(t -> filter.matcher(t).find()).sorted(
                        (a, b) -> Suite.entry(a).scenario().compareTo(Suite.entry(b).scenario())).toList());
    }

    @Test
    void filterSelectsExactlyTheSuite() {
        final Pattern filter = Pattern.compile(Suite.filter());
        final long selected = TestList.tests().stream().filter(t -> filter.matcher(t).find()).count();

        assertEquals(Suite.scenarios().size(), selected);
    }
}
