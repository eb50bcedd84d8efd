package io.syncline.testkit.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.stream.Stream;

/** PostgreSQL and Elasticsearch refuse to run as root: as root, they run as an unprivileged user. */
final class Unprivileged {
    private Unprivileged() {
    }

    static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** {@code setpriv} switches user and exec()s, so the server keeps the pid it was started with. */
    static List<String> setprivPrefix(String user) {
        return List.of("setpriv", "--reuid=" + user, "--regid=" + primaryGroup(user), "--clear-groups");
    }

    /** Hands a directory tree to the user the server will run as (a no-op unless running as root). */
    static void chownTree(Path root, String user) {
        if (!runningAsRoot()) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            UserPrincipalLookupService lookup = root.getFileSystem().getUserPrincipalLookupService();
            UserPrincipal owner = lookup.lookupPrincipalByName(user);
            GroupPrincipal group = lookup.lookupPrincipalByGroupName(primaryGroup(user));
            for (Path p : (Iterable<Path>) paths::iterator) {
                PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class,
                        java.nio.file.LinkOption.NOFOLLOW_LINKS);
                view.setOwner(owner);
                view.setGroup(group);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not hand " + root + " to user " + user + ": " + e.getMessage(), e);
        }
    }

    private static String primaryGroup(String user) {
        try {
            Process p = new ProcessBuilder("id", "-gn", user).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("no user '" + user + "' on this machine: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
