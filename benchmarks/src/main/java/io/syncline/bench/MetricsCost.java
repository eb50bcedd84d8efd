package io.syncline.bench;

/**
 * C run twice in one round: with metrics (the HTTP endpoint on and {@code /metrics} scraped every
 * second) and without (no endpoint, so no meters), on two fresh tables with the same rows.
 *
 * @param withFirst whether the run with metrics went first (rounds alternate, so that neither
 *                  always has the warmer JVM)
 */
record MetricsCost(boolean withFirst, SynclineEndToEnd.Result with, SynclineEndToEnd.Result without) {
}
