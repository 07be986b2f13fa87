package org.rclab.stress.scenarios;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names a jcstress test as a row of the verdict table (DESIGN section 4).
 *
 * <p>Every {@code FORBIDDEN} outcome of such a test starts its description with the verdict word
 * it stands for and a colon ({@code "leaks: lost decrement: ..."}); the verdict table reads the
 * word from there, so the outcome table and the verdict can never disagree.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Scenario {
    /**
     * The row's name: the scenario's number in DESIGN section 4, then what races, e.g.
     * {@code 01-incref-incref}.
     *
     * @return the name
     */
    String value();

    /**
     * Whether the test demonstrates a misuse of the runtime rather than checking a scheme's
     * promise. Its forbidden outcomes are expected for some schemes and never count against one.
     *
     * @return {@code true} for a demonstration
     */
    boolean demonstration() default false;

    /**
     * The scheme paths the scenario is built to drive, each named by the last part of the metric
     * that counts it: {@code "queued"} stands for {@code brc.queued}, and for the same counter of
     * any other scheme ({@code <scheme>.queued}). A scheme <em>has</em> a path when its runtime
     * registers such a metric; a row is clean only if every path its scheme has ran at least
     * once. A scheme declares its paths by the metrics it registers, so a new scheme is judged on
     * the paths it shares with a scenario without any change here; a path no scheme registers
     * judges nobody.
     *
     * @return metric name suffixes, e.g. {@code {"queued", "merges-explicit"}}; empty for a
     *         scenario whose race has no slow path to count
     */
    String[] paths() default {};

    /**
     * Whether a scheme that does not claim thread safety (the {@code unsafe} control) must show a
     * lost, leaked or doubly released count here at {@code quick} and longer: the row's proof that
     * the scenario has teeth. False where plain counts cannot race (one releaser per object, no
     * locks to miss) or where a finding is too rare to demand of a short run.
     *
     * @return {@code true} if the control must fail this row
     */
    boolean controlFails() default false;
}
