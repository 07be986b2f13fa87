package org.rclab.check;

import java.util.List;
import org.rclab.check.scenarios.CheckpointHandOver;
import org.rclab.check.scenarios.DecrefToZero;
import org.rclab.check.scenarios.DictOps;
import org.rclab.check.scenarios.ListOps;
import org.rclab.check.scenarios.LostIncrement;
import org.rclab.check.scenarios.OwnerExit;
import org.rclab.check.scenarios.ReadReplace;
import org.rclab.check.scenarios.SectionExclusion;
import org.rclab.check.scenarios.TrueCount;

/** Every scenario, in report order. */
public final class Scenarios {
    private Scenarios() {
    }

    /**
     * The scenarios.
     *
     * @return every scenario, in report order
     */
    public static List<Scenario> all() {
        return List.of(new LostIncrement(), new TrueCount(), new DecrefToZero(), new OwnerExit(),
                new ListOps(), new DictOps(), new ReadReplace(), new SectionExclusion(),
                SectionExclusion.handOff(), new CheckpointHandOver());
    }
}
