package io.syncline.cli;

import picocli.CommandLine.IVersionProvider;

final class SynclineVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {"syncline " + (version == null ? "(development build)" : version)};
    }
}
