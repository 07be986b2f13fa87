package org.rclab.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TurnOrderTest {
    private static final String COUNTDOWN = "org.rclab.bench.Countdown.countdown";

    private static Turns.Participant countdown(final String scheme, final String shape) {
        return new Turns.Participant(COUNTDOWN, Map.of("scheme", scheme, "shape", shape));
    }

    private static List<String> codes(final List<Turns.Participant> participants) {
        return participants.stream().map(Turns.Participant::code).toList();
    }

    @Test
    void theTwoSidesOfEveryTargetEndNextToEachOtherWhereTheTargetsAllowIt() {
        // In catalog order brc's one-thread cell sits five places from gil's; each scheme's 2threads
        // / 1thread target wants its shapes together too.
        final List<Turns.Participant> catalog = List.of(countdown("brc", "1thread"), countdown("brc", "2threads"),
                countdown("fine-grained", "1thread"), countdown("fine-grained", "2threads"),
                countdown("gil", "1thread"), countdown("gil", "2threads"));
        final List<Target> targets = Target.parse("""
                brc	countdown{shape=1thread} / countdown{scheme=gil,shape=1thread}	<=	1.1	a
                brc	countdown{shape=2threads} / countdown{shape=1thread}	<=	0.6	b
                fine-grained	countdown{shape=2threads} / countdown{shape=1thread}	<=	0.6	b
                gil	countdown{shape=2threads} / countdown{shape=1thread}	>=	0.9	c
                fine-grained	countdown{shape=1thread} / countdown{scheme=gil,shape=1thread}	info	-	not a target
                """);
        final List<String> order = codes(TurnOrder.of(catalog, targets, null));
        for (final String[] pair : new String[][] {{"brc,shape=1thread", "gil,shape=1thread"},
                {"brc,shape=2threads", "brc,shape=1thread"}, {"fine-grained,shape=2threads", "fine-grained,shape=1thread"},
                {"gil,shape=2threads", "gil,shape=1thread"}}) {
            assertEquals(1, Math.abs(order.indexOf("countdown{scheme=" + pair[0] + "}")
                    - order.indexOf("countdown{scheme=" + pair[1] + "}")), pair[0] + " / " + pair[1] + " in " + order);
        }
        assertEquals(List.of("countdown{scheme=fine-grained,shape=1thread}", "countdown{scheme=fine-grained,shape=2threads}",
                        "countdown{scheme=brc,shape=2threads}", "countdown{scheme=brc,shape=1thread}",
                        "countdown{scheme=gil,shape=1thread}", "countdown{scheme=gil,shape=2threads}"), order,
                "of the orders that do so, the one that moves the catalog's least; the reference row pulls nothing");
    }

    @Test
    void withoutTargetsAmongThemTheCatalogOrderStays() {
        final List<Turns.Participant> catalog = List.of(countdown("b", "1thread"), countdown("a", "1thread"),
                new Turns.Participant("org.rclab.bench.Physical.physical", Map.of("kind", "plain")));
        assertEquals(catalog, TurnOrder.of(catalog, List.of(), "unsafe"));
        assertEquals(catalog, TurnOrder.of(catalog, Target.parse(
                "c\tcountdown{shape=2threads} / countdown{shape=1thread}\t<=\t0.6\tno such cells\n"), "unsafe"));
    }

    @Test
    void aFloorWithoutASchemeIsReadByATargetOfAnyScheme() {
        final Turns.Participant plain = new Turns.Participant("org.rclab.bench.Physical.physical", Map.of("kind", "plain"));
        final Turns.Participant atomic = new Turns.Participant("org.rclab.bench.Physical.physical", Map.of("kind", "atomic"));
        final Turns.Participant brc = new Turns.Participant("org.rclab.bench.OwnedPair.ownedPairBatch", Map.of("scheme", "brc"));
        final Turns.Participant unsafe = new Turns.Participant("org.rclab.bench.OwnedPair.ownedPairBatch",
                Map.of("scheme", "unsafe"));
        final List<Turns.Participant> order = TurnOrder.of(List.of(brc, unsafe, plain, atomic), Target.parse("""
                brc	ownedPairBatch / ownedPairBatch{scheme=@control}	<=	1.25	a
                brc	ownedPairBatch / physical{kind=atomic}	<=	1.5	b
                unsafe	ownedPairBatch / physical{kind=plain}	<=	1.2	c
                """), "unsafe");
        assertEquals(1, Math.abs(order.indexOf(brc) - order.indexOf(atomic)), order.toString());
        assertEquals(1, Math.abs(order.indexOf(brc) - order.indexOf(unsafe)), order.toString());
        assertEquals(1, Math.abs(order.indexOf(unsafe) - order.indexOf(plain)), order.toString());
    }
}
