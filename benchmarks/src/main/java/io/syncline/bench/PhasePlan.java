package io.syncline.bench;

/**
 * What one phase of the joined-views measurement changes, and what each stage must count when it is
 * done.
 *
 * @param sql     the burst of source changes, one statement committed at once (null for the snapshot)
 * @param capture the capture's records (a delete is followed by a tombstone) and the source changes they are
 * @param orders  the orders documents the phase must change, or null when it changes none
 * @param facts   the order_items facts (rows) the phase must change, or null when it changes none
 */
record PhasePlan(JoinPhase phase, String sql, Target capture, Target orders, Target facts) {

    /**
     * A probe's target: it counts {@code units} (which need not be documents: embedded items, say),
     * and the table reports {@code reported} items for them.
     */
    record Target(long units, long reported) {
        static Target of(long count) {
            return new Target(count, count);
        }

        /** The probe's measurement in reported items; a partial one in proportion to the units that arrived. */
        Measurement reported(Measurement probe) {
            if (probe.complete()) {
                return new Measurement(reported, probe.seconds(), true);
            }
            return new Measurement(Math.round((double) reported * probe.count() / units), probe.seconds(), false);
        }
    }

    /** The documents the sinks must change, over both views. */
    long documents() {
        return (orders == null ? 0 : orders.reported()) + (facts == null ? 0 : facts.reported());
    }
}
