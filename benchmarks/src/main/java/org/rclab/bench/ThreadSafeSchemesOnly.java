package org.rclab.bench;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a benchmark class whose threads share objects. It runs only with schemes that declare
 * {@link org.rclab.scheme.Scheme#threadSafe()}: under a scheme that loses counts the shared
 * object would be freed while in use and the run would fail, or worse, produce a number for a
 * program that is wrong.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ThreadSafeSchemesOnly {
}
