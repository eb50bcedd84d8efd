package io.syncline.bench;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** One row of the benchmark's orders table, as read back from PostgreSQL for the raw-write baselines. */
record OrderRow(long id, UUID orderUid, String status, BigDecimal total, Instant placedAt, String details, String note) {
}
