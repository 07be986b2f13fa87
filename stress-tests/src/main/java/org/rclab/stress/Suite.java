package org.rclab.stress;

import java.util.ArrayList;
import java.util.List;

import org.openjdk.jcstress.infra.TestInfo;
import org.openjdk.jcstress.infra.runners.TestList;
import org.rclab.stress.scenarios.Scenario;

/**
 * The scenarios of the suite, as jcstress's annotation processor listed them (the jar's
 * {@code META-INF/TestList}), with the verdict table's name for each.
 */
public final class Suite {
    /** The package every scenario lives in. */
    public static final String PACKAGE = Scenario.class.getPackageName();

    private Suite() {
    }

    /**
     * A scenario: the jcstress test and its row in the table.
     *
     * @param test the jcstress test name
     * @param scenario the row's name, from {@link Scenario#value()}
     * @param demonstration from {@link Scenario#demonstration()}
     */
    public record Entry(String test, String scenario, boolean demonstration) {
    }

    /**
     * Every scenario, sorted by scenario name.
     *
     * @return the scenarios
     * @throws IllegalStateException if a test of the package lacks {@link Scenario}
     */
    public static List<Entry> scenarios() {
        final List<Entry> entries = new ArrayList<>();
        for (final String test : TestList.tests()) {
            if (test.startsWith(PACKAGE + ".")) {
                entries.add(entry(test));
            }
        }
        entries.sort((a, b) -> a.scenario().compareTo(b.scenario()));
        return List.copyOf(entries);
    }

    /**
     * The entry of one jcstress test.
     *
     * @param test the test's name as jcstress reports it
     * @return the entry
     * @throws IllegalStateException if the test is unknown or lacks {@link Scenario}
     */
    public static Entry entry(final String test) {
        final TestInfo info = TestList.getInfo(test);
        if (info == null) {
            throw new IllegalStateException("jcstress does not list a test named " + test);
        }
        final Class<?> type;
        try {
            type = Class.forName(info.binaryName(), false, Suite.class.getClassLoader());
        } catch (final ClassNotFoundException e) {
            throw new IllegalStateException("test class " + info.binaryName() + " is not on the class path", e);
        }
        final Scenario scenario = type.getAnnotation(Scenario.class);
        if (scenario == null) {
            throw new IllegalStateException(test + " has no @" + Scenario.class.getSimpleName()
                    + ": every test of " + PACKAGE + " is a row of the verdict table");
        }
        return new Entry(test, scenario.value(), scenario.demonstration());
    }

    /**
     * The jcstress test filter (a regular expression) that selects exactly the suite.
     *
     * @return the filter
     */
    public static String filter() {
        return "^" + PACKAGE.replace(".", "\\.") + "\\.";
    }
}
