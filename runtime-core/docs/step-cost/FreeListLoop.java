/**
 * A countdown step without the runtime, allocating each int against reusing freed ones from a
 * per-thread free list, to find what a free list can save on HotSpot (see README.md, "A per-thread
 * free list of ints"). Run with {@code java -XX:+UseG1GC -Xms2g -Xmx2g FreeListLoop.java}; each
 * printed line is one round, the allocating loop then the reusing loop, 3,000,000 steps each.
 *
 * <p>The reusing loop does what the runtime's free list did (commit 2e84ca9): find the thread's slot
 * in a table by thread id and check its owner, count the allocation and the free there, take the
 * oldest int from a ring of 64 (skipping the store when the position already holds it), check it is
 * freed, reset its header, set its value. System properties take one piece away each:
 * {@code -Dnolookup=true} (the slot from a field instead of the table), {@code -Dstack=true} (a
 * stack instead of the ring), {@code -Dnocount=true}, {@code -Dnocheck=true}, {@code -Dnoclear=true}.
 */
public final class FreeListLoop {
    private static final boolean LOOKUP = !Boolean.getBoolean("nolookup");
    private static final boolean RING = !Boolean.getBoolean("stack");
    private static final boolean COUNT = !Boolean.getBoolean("nocount");
    private static final boolean CHECK = !Boolean.getBoolean("nocheck");
    private static final boolean CLEAR = !Boolean.getBoolean("noclear");
    private static final int LIVE = 4;
    private static final int FREED = 6;
    private static final long LAST = 1000;

    /** The fields of an {@code RcInt} as it was (64 bytes by JOL) before its state and id shared a word. */
    @SuppressWarnings("unused")
    private static final class Int {
        final Object runtime;
        Thread owner;
        int local;
        long shared;
        int lockWord;
        Object slot;
        int state;
        long id;
        Object big;
        long value;

        Int(final Object runtime, final long value) {
            this.runtime = runtime;
            this.value = value;
            this.state = LIVE;
        }
    }

    /** One thread's counts and freed ints. */
    private static final class Slot {
        Thread owner;
        final long[] counts = new long[40];
        final Object[] kept = new Object[64];
        int head;
        int count;
    }

    private final Slot[] slots = new Slot[64];
    private final Slot mine = new Slot();
    private final boolean reuse;
    private Int frame;

    private FreeListLoop(final boolean reuse) {
        this.reuse = reuse;
        final Thread self = Thread.currentThread();
        mine.owner = self;
        slots[(int) self.getId() & 63] = mine;
    }

    private Slot slot() {
        if (!LOOKUP) {
            return mine;
        }
        final Thread self = Thread.currentThread();
        final Slot s = slots[(int) self.getId() & 63];
        if (s == null || s.owner != self) {
            throw new IllegalStateException("no slot");
        }
        return s;
    }

    private Int newInt(final long value) {
        final Slot s = slot();
        if (COUNT) {
            s.counts[16]++;
        }
        if (reuse && s.count != 0) {
            final Int o;
            if (RING) {
                final int h = s.head;
                s.head = (h + 1) & 63;
                o = (Int) s.kept[h];
            } else {
                o = (Int) s.kept[s.count - 1];
            }
            s.count--;
            if (CHECK && (o.state != FREED || o.big != null)) {
                throw new IllegalStateException("not freed");
            }
            if (CLEAR) {
                if (o.owner != null) {
                    o.owner = null;
                }
                o.shared = 0;
                o.lockWord = 0;
                if (o.slot != null) {
                    o.slot = null;
                }
                o.id = 0;
            }
            o.state = LIVE;
            o.value = value;
            o.local = 1;
            return o;
        }
        final Int o = new Int(this, value);
        o.local = 1;
        return o;
    }

    private void decref(final Int o) {
        if (o.state != LIVE) {
            throw new IllegalStateException("not live");
        }
        final int c = o.local - 1;
        o.local = c;
        if (c == 0) {
            final Slot s = slot();
            if (COUNT) {
                s.counts[20]++;
            }
            if (reuse && s.count < s.kept.length) {
                final int at = RING ? (s.head + s.count) & 63 : s.count;
                if (s.kept[at] != o) {
                    s.kept[at] = o;
                }
                s.count++;
            }
            o.state = FREED;
        }
    }

    private long run(final long steps) {
        frame = newInt(LAST + steps);
        while (frame.value > LAST) {
            final Int next = newInt(frame.value - 1);
            decref(frame);
            frame = next;
        }
        final long result = frame.value;
        decref(frame);
        frame = null;
        return result;
    }

    public static void main(final String[] args) {
        final FreeListLoop allocating = new FreeListLoop(false);
        final FreeListLoop reusing = new FreeListLoop(true);
        final long steps = 3_000_000;
        long sink = 0;
        for (int round = 0; round < 40; round++) {
            final long t0 = System.nanoTime();
            sink += allocating.run(steps);
            final long t1 = System.nanoTime();
            sink += reusing.run(steps);
            final long t2 = System.nanoTime();
            if (round >= 30) {
                System.out.printf("allocate %.2f  reuse %.2f ns/step%n", (t1 - t0) / (double) steps,
                        (t2 - t1) / (double) steps);
            }
        }
        System.out.println(sink == 0 ? "" : "(" + sink + ")");
    }
}
