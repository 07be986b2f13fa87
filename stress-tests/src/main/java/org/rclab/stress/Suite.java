package org.rclab.stress;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.openjdk.jcstress.annotations.Description;
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
     * @param description one line saying what races, from jcstress's {@link Description}
     * @param paths the scheme paths it targets, from {@link Scenario#paths()}
     * @param controlFails from {@link Scenario#controlFails()}
     */
    public record Entry(String test, String scenario, boolean demonstration, String description, List<String> paths,
                        boolean controlFails) {
        /**
         * Makes the record, copying the list.
         */
        public Entry {
            paths = List.copyOf(paths);
        }
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
        final Description description = type.getAnnotation(Description.class);
        return new Entry(test, scenario.value(), scenario.demonstration(),
                description == null ? "" : description.value(), List.of(scenario.paths()), scenario.controlFails());
    }

    /**
     * The jcstress test filter (a regular expression) that selects exactly the suite.
     *
     * @return the filter
     */
    public static String filter() {
        return "^" + PACKAGE.replace(".", "\\.") + "\\.";
    }

    /**
     * The jcstress test filter that selects exactly some scenarios.
     *
     * @param entries the scenarios
     * @return the filter, matching each test's whole name
     */
    public static String filter(final Collection<Entry> entries) {
        return entries.stream().map(e -> Pattern.quote(e.test())).collect(Collectors.joining("|", "^(", ")$"));
    }
}
