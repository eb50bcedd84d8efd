package io.syncline.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap of a JVM as its unified GC log ({@code -Xlog:gc}) tells it: every pause line
 * ({@code GC(12) Pause Young (Normal) (G1 Evacuation Pause) 301M->87M(512M) 4.321ms}) gives the heap
 * used before and after it, the heap's size, and the pause. The log is written by the JVM itself
 * to the end, also when it runs out of memory, and reading it costs the measured JVM nothing
 * (unlike attaching jcmd or JMX every second).
 *
 * @param pauses        stop-the-world pauses (young, mixed, remark, cleanup, full)
 * @param pauseSeconds  their total duration
 * @param peakUsedMb    the most heap used, which is just before a collection (the heap only grows between two)
 * @param peakAfterGcMb the most heap still used after a collection: the live set's upper bound (a young
 *                      pause leaves the old generation's garbage in place until a concurrent cycle or a
 *                      mixed or full pause collects it)
 * @param fullGcs       full collections: a G1 or parallel JVM runs one only when it is short of memory
 * @param peakSizeMb    the largest the heap was sized (committed)
 * @param humongousPauses  pauses that a humongous allocation started (G1: an object of half a region or
 *                         more, e.g. a large network buffer, allocated straight into the old generation)
 * @param peakHumongousMb  the most heap held by humongous objects just before a collection (G1's
 *                         {@code gc,heap} lines, which {@code -Xlog:gc*} writes; 0 without them)
 */
record GcLog(long pauses, double pauseSeconds, double peakUsedMb, double peakAfterGcMb, long fullGcs, double peakSizeMb,
             long humongousPauses, double peakHumongousMb) {
    private static final Pattern PAUSE = Pattern.compile(
            "GC\\(\\d+\\) (Pause .*?) (\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\) ([\\d.]+)ms");
    private static final Pattern REGION_SIZE = Pattern.compile("Heap Region Size: (\\d+)([KMG])");
    private static final Pattern HUMONGOUS = Pattern.compile("GC\\(\\d+\\) Humongous regions: (\\d+)->");

    static GcLog read(Path file) throws IOException {
        return Files.exists(file) ? parse(Files.readAllLines(file, StandardCharsets.UTF_8)) : parse(List.of());
    }

    static GcLog parse(List<String> lines) {
        long pauses = 0;
        long fullGcs = 0;
        double pauseMs = 0;
        double peakUsed = 0;
        double peakAfter = 0;
        double peakSize = 0;
        long humongousPauses = 0;
        double regionMb = 0;
        long peakHumongousRegions = 0;
        for (String line : lines) {
            Matcher region = REGION_SIZE.matcher(line);
            if (region.find()) {
                regionMb = mb(region.group(1), region.group(2));
            }
            Matcher humongous = HUMONGOUS.matcher(line);
            if (humongous.find()) {
                peakHumongousRegions = Math.max(peakHumongousRegions, Long.parseLong(humongous.group(1)));
            }
            Matcher m = PAUSE.matcher(line);
            if (!m.find()) {
                continue;
            }
            pauses++;
            if (m.group(1).startsWith("Pause Full")) {
                fullGcs++;
            }
            if (m.group(1).contains("(G1 Humongous Allocation)")) {
                humongousPauses++;
            }
            peakUsed = Math.max(peakUsed, mb(m.group(2), m.group(3)));
            peakAfter = Math.max(peakAfter, mb(m.group(4), m.group(5)));
            peakSize = Math.max(peakSize, mb(m.group(6), m.group(7)));
            pauseMs += Double.parseDouble(m.group(8));
        }
        return new GcLog(pauses, pauseMs / 1000, peakUsed, peakAfter, fullGcs, peakSize, humongousPauses,
                peakHumongousRegions * regionMb);
    }

    private static double mb(String value, String unit) {
        double v = Double.parseDouble(value);
        return switch (unit.toUpperCase(Locale.ROOT)) {
            case "K" -> v / 1024;
            case "G" -> v * 1024;
            default -> v;
        };
    }
}
