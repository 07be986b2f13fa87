package org.rclab.conformance;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.extension.DynamicTestInvocationContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * Gives every kit test a bound: its {@code @BeforeEach}, body (a plain, repeated,
 * parameterized or dynamic test alike) and {@code @AfterEach} run on one thread of their own
 * (the runtime's attachments are per thread, so they must share it), and the JUnit thread waits
 * for them until a bound has passed since the test began ({@link #DEFAULT_BOUND}, or
 * {@value #BOUND_PROPERTY} seconds). A test still running then fails with the stacks of every
 * live thread it started (its own thread group), which are then interrupted; the phases left are
 * skipped, since they would wait behind the stuck thread.
 *
 * <p>JUnit's own {@code @Timeout} cannot do this: in its default mode it interrupts the test
 * thread and waits for it to return, which a thread spinning on a lock never does, and its
 * separate-thread mode runs each lifecycle method on a different thread.
 */
final class KitBound implements InvocationInterceptor {
    /** The system property that sets the bound, in seconds (a slower machine may raise it). */
    static final String BOUND_PROPERTY = "rclab.kit.test-bound-seconds";
    /** The default bound: far above any honest run of one kit test, even on a loaded two-CPU machine. */
    static final Duration DEFAULT_BOUND = Duration.ofSeconds(150);

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KitBound.class);

    @Override
    public void interceptBeforeEachMethod(final Invocation<Void> invocation,
            final ReflectiveInvocationContext<Method> call, final ExtensionContext context) throws Throwable {
        onTestThread(invocation, call.getExecutable().getName(), context);
    }

    @Override
    public void interceptTestMethod(final Invocation<Void> invocation,
            final ReflectiveInvocationContext<Method> call, final ExtensionContext context) throws Throwable {
        onTestThread(invocation, call.getExecutable().getName(), context);
    }

    @Override
    public void interceptTestTemplateMethod(final Invocation<Void> invocation,
            final ReflectiveInvocationContext<Method> call, final ExtensionContext context) throws Throwable {
        onTestThread(invocation, call.getExecutable().getName(), context);
    }

    @Override
    public <T> T interceptTestFactoryMethod(final Invocation<T> invocation,
            final ReflectiveInvocationContext<Method> call, final ExtensionContext context) throws Throwable {
        return onTestThread(invocation, call.getExecutable().getName(), context);
    }

    @Override
    public void interceptDynamicTest(final Invocation<Void> invocation, final DynamicTestInvocationContext call,
            final ExtensionContext context) throws Throwable {
        onTestThread(invocation, context.getDisplayName(), context);
    }

    @Override
    public void interceptAfterEachMethod(final Invocation<Void> invocation,
            final ReflectiveInvocationContext<Method> call, final ExtensionContext context) throws Throwable {
        onTestThread(invocation, call.getExecutable().getName(), context);
    }

    private static <T> T onTestThread(final Invocation<T> invocation, final String what,
            final ExtensionContext context) throws Throwable {
        final TestThread thread = context.getStore(NAMESPACE).getOrComputeIfAbsent(TestThread.class,
                k -> new TestThread(context.getDisplayName()), TestThread.class);
        if (thread.stuck) {
            invocation.skip();
            return null;
        }
        final CompletableFuture<T> done = new CompletableFuture<>();
        thread.executor.execute(() -> {
            try {
                done.complete(invocation.proceed());
            } catch (final Throwable t) {
                done.completeExceptionally(t);
            }
        });
        try {
            return done.get(Math.max(0, thread.deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (final ExecutionException e) {
            throw e.getCause();
        } catch (final TimeoutException e) {
            thread.stuck = true;
            final String stacks = ThreadStacks.of(thread.group);
            ThreadStacks.interrupt(thread.group);
            throw new AssertionError(what + " did not finish within " + thread.bound
                    + " (a deadlock, a lost wake-up, or a thread waiting for itself); the stuck threads:\n" + stacks);
        }
    }

    /** The one thread a test's phases run on, in a group that also holds the threads it starts. */
    private static final class TestThread implements AutoCloseable {
        final Duration bound = Duration.ofSeconds(Long.getLong(BOUND_PROPERTY, DEFAULT_BOUND.toSeconds()));
        final long deadline = System.nanoTime() + bound.toNanos();
        final ThreadGroup group;
        final ExecutorService executor;
        volatile boolean stuck;

        TestThread(final String testName) {
            group = new ThreadGroup("kit " + testName);
            executor = Executors.newSingleThreadExecutor(r -> {
                // Daemon: a thread stuck for good must not keep the JVM alive after the run.
                final Thread t = new Thread(group, r, "kit-test " + testName);
                t.setDaemon(true);
                return t;
            });
        }

        /** Called by JUnit when the test's context closes, after {@code @AfterEach}. */
        @Override
        public void close() {
            executor.shutdown();
        }
    }
}
