package io.syncline.view;

import java.nio.charset.StandardCharsets;

/**
 * The version format of view records: {@code generation << 56 | lsn}, a positive 63-bit long
 * (Elasticsearch external versions, MongoDB and ClickHouse all hold it). Bit 63 is 0; bits 62..56
 * are the source generation (0..127); bits 55..0 the PostgreSQL LSN (below 2^56, 64 PiB of WAL).
 * Generation 0 gives the bare LSN, the versions before generations existed. A source that starts
 * over with lower LSNs (rebuilt from a dump, reset) gets a higher generation, so its versions beat
 * everything written before. See view-model/README.md.
 */
public final class Versions {
    /** On every change record: the source generation as decimal text (absent: 0). */
    public static final String GENERATION_HEADER = "syncline.generation";
    public static final int MAX_GENERATION = 127;
    public static final int LSN_BITS = 56;
    /** The first LSN a version cannot hold. */
    public static final long LSN_LIMIT = 1L << LSN_BITS;

    private Versions() {
    }

    /** The version of a change at {@code lsn} of source generation {@code generation}. */
    public static long of(int generation, long lsn) {
        checkGeneration(generation);
        checkLsn(lsn);
        return (long) generation << LSN_BITS | lsn;
    }

    public static int generation(long version) {
        return (int) (version >>> LSN_BITS);
    }

    public static long lsn(long version) {
        return version & (LSN_LIMIT - 1);
    }

    public static void checkGeneration(int generation) {
        if (generation < 0 || generation > MAX_GENERATION) {
            throw new IllegalArgumentException("source generation " + generation + " is outside 0.." + MAX_GENERATION);
        }
    }

    /** @throws IllegalArgumentException when {@code lsn} is negative or does not fit in a version's 56 bits */
    public static void checkLsn(long lsn) {
        if (lsn < 0 || lsn >= LSN_LIMIT) {
            throw new IllegalArgumentException("source LSN " + lsnText(lsn) + " is beyond " + lsnText(LSN_LIMIT - 1)
                    + " (2^56 - 1, 64 PiB of WAL), the highest a view version can hold");
        }
    }

    /** PostgreSQL's notation for an LSN, e.g. {@code 0/16B3748}. */
    public static String lsnText(long lsn) {
        return Long.toHexString(lsn >>> 32).toUpperCase() + "/" + Long.toHexString(lsn & 0xFFFFFFFFL).toUpperCase();
    }

    /** The generation header's value. */
    public static byte[] generationHeader(int generation) {
        checkGeneration(generation);
        return Integer.toString(generation).getBytes(StandardCharsets.UTF_8);
    }

    /** Reads the generation header's value; null (no header) is generation 0. */
    public static int generationOf(byte[] header) {
        if (header == null) {
            return 0;
        }
        String text = new String(header, StandardCharsets.UTF_8);
        try {
            int generation = Integer.parseInt(text);
            checkGeneration(generation);
            return generation;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("header " + GENERATION_HEADER + " is not a generation: '" + text + "'");
        }
    }
}
