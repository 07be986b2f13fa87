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
}
