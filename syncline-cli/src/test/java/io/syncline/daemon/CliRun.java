package io.syncline.daemon;

import io.syncline.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A {@code syncline} command run in this JVM on a pipeline file, as an operator would type it. */
record CliRun(int exit, String out, String err) {

    /** {@code syncline <command...> -c file <options...>}; the output is also printed, tagged, for the test's log. */
    static CliRun of(List<String> command, Path file, String... options) {
        List<String> args = new ArrayList<>(command);
        args.add("-c");
        args.add(file.toString());
        args.addAll(List.of(options));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args.toArray(String[]::new));
        System.out.println("[syncline " + String.join(" ", command) + " " + String.join(" ", options) + "] exit " + exit
                + ":\n" + out + err);
        return new CliRun(exit, out.toString(), err.toString());
    }
}
