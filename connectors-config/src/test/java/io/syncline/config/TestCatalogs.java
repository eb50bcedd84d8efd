package io.syncline.config;

/** Hands the package-private {@link FakeSinkCatalog} to tests in other packages. */
public final class TestCatalogs {
    public SinkCatalog fake() {
        return new FakeSinkCatalog();
    }
}
