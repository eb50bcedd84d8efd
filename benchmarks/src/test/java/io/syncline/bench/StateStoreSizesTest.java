package io.syncline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreSizesTest {

    @Test
    void sumsEachStoreOverItsTasks(@TempDir Path stateDir) throws Exception {
        Path app = stateDir.resolve("streams").resolve("syncline.shop.views");
        write(app.resolve("0_0/rocksdb/view-orders-documents/000010.sst"), 100);
        write(app.resolve("0_0/rocksdb/view-orders-documents/OPTIONS-000007"), 7);
        write(app.resolve("0_1/rocksdb/view-orders-documents/000011.sst"), 50);
        write(app.resolve("1_0/rocksdb/rows-public.orders-by-id/000012.sst"), 30);
        write(app.resolve("1_0/.checkpoint"), 1_000);

        assertThat(StateStoreSizes.measure(stateDir))
                .isEqualTo(Map.of("view-orders-documents", 157L, "rows-public.orders-by-id", 30L));
        assertThat(StateStoreSizes.measure(stateDir, StateStoreSizes.DATA_FILES))
                .isEqualTo(Map.of("view-orders-documents", 150L, "rows-public.orders-by-id", 30L));
        assertThat(StateStoreSizes.total(StateStoreSizes.measure(stateDir))).isEqualTo(187);
        assertThat(StateStoreSizes.measure(stateDir.resolve("missing"))).isEmpty();
    }

    private static void write(Path file, int bytes) throws Exception {
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[bytes]);
    }
}
