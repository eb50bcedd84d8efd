package io.syncline.config;

import java.util.HashMap;
import java.util.Map;

/**
 * Where each key path sits in the file. A problem about a scalar points at its value
 * ({@code port: abc} → at {@code abc}); about a mapping or list, at its key, where a missing
 * child would go; about an unknown key, at the key.
 */
final class Locations {

    /** 1-based line and column. */
    record Location(int line, int column) {
        static final Location START = new Location(1, 1);
    }

    private record Spot(Location key, Location value, boolean scalar) {
    }

    private final Map<String, Spot> spots = new HashMap<>();

    void record(String path, Location key, Location value, boolean scalar) {
        spots.putIfAbsent(path, new Spot(key, value, scalar));
    }

    /** Where a problem about {@code path} points; a path not in the file falls back to its nearest ancestor. */
    Location of(String path) {
        for (String at = path; at != null; at = KeyPaths.parent(at)) {
            Spot spot = spots.get(at);
            if (spot != null) {
                return spot.scalar() && at.equals(path) ? spot.value() : spot.key();
            }
        }
        return Location.START;
    }

    /** The key itself (for unknown keys). */
    Location keyOf(String path) {
        Spot spot = spots.get(path);
        return spot == null ? of(path) : spot.key();
    }
}
