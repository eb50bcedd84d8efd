package io.syncline.cdc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The capture ledger in memory, with every entry written, for unit tests. */
final class LedgerInMemory implements CaptureLedger {
    final List<CaptureLedger.Entry> written = new ArrayList<>();
    private CaptureLedger.Entry current;

    LedgerInMemory(CaptureLedger.Entry current) {
        this.current = current;
    }

    @Override
    public Optional<CaptureLedger.Entry> current() {
        return Optional.ofNullable(current);
    }

    @Override
    public void write(CaptureLedger.Entry entry) {
        written.add(entry);
        current = entry;
    }
}
