package io.syncline.bench;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The size on disk of each Kafka Streams state store under a pipeline's state directory: the bytes
 * of the files in every {@code <task>/rocksdb/<store>} directory (Streams keeps them under
 * {@code <stateDir>/streams/<application id>/}), summed per store name over the tasks. Sizes are
 * the files' lengths; RocksDB may delete files (compaction) while they are counted, which counts
 * them as gone. Besides its data files ({@code *.sst}) each RocksDB instance keeps ~20 kB of
 * options and manifest files, which dominate small stores.
 */
final class StateStoreSizes {
    /** RocksDB's data files (sorted string tables), as opposed to its options, manifest and logs. */
    static final Predicate<Path> DATA_FILES = file -> file.getFileName().toString().endsWith(".sst");

    private StateStoreSizes() {
    }

    /** Bytes of all files per store name; empty when there are no stores. */
    static SortedMap<String, Long> measure(Path stateDir) throws IOException {
        return measure(stateDir, file -> true);
    }

    /** Bytes of the files {@code counted} per store name. */
    static SortedMap<String, Long> measure(Path stateDir, Predicate<Path> counted) throws IOException {
        SortedMap<String, Long> sizes = new TreeMap<>();
        if (!Files.isDirectory(stateDir)) {
            return sizes;
        }
        for (Path rocksdb : rocksdbDirectories(stateDir)) {
            try (Stream<Path> stores = Files.list(rocksdb)) {
                for (Path store : stores.filter(Files::isDirectory).toList()) {
                    sizes.merge(store.getFileName().toString(), bytes(store, counted), Long::sum);
                }
            }
        }
        return sizes;
    }

    static long total(Map<String, Long> sizes) {
        return sizes.values().stream().mapToLong(Long::longValue).sum();
    }

    private static List<Path> rocksdbDirectories(Path stateDir) throws IOException {
        try (Stream<Path> paths = Files.walk(stateDir, 5)) {
            return paths.filter(p -> p.getFileName().toString().equals("rocksdb") && Files.isDirectory(p)).toList();
        }
    }

    private static long bytes(Path dir, Predicate<Path> counted) throws IOException {
        long[] total = {0};
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (counted.test(file)) {
                    total[0] += attributes.size();
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
        return total[0];
    }
}
