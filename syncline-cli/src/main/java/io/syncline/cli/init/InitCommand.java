package io.syncline.cli.init;

import io.syncline.cli.ExitCodes;
import io.syncline.daemon.SinkFactoryCatalog;
import java.io.PrintWriter;
import java.sql.Connection;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code syncline init [-o FILE|-] [--name NAME] [--sink TYPE=URL]... TABLE...}: connects to
 * PostgreSQL and writes a commented, valid pipeline file for the named tables (or patterns such as
 * {@code public.*}): one view per table keyed by its primary key, every view routed to every sink.
 * Tables that cannot be captured safely are not captured but listed as comments with the reason.
 * The connection options default to libpq's environment variables, and the file refers to them
 * ({@code ${PGHOST:-given}}); the password is only read from {@code PGPASSWORD} and never written.
 * The written file is loaded with the pipeline loader and checked against the source as
 * {@code validate --source} does before it is put in place.
 *
 * <p>Exit codes: 0 written; 64 a bad command line, a named table that does not exist, or no table
 * that can be captured; 69 PostgreSQL cannot be reached (or refuses the login); 70 the file
 * written fails its own check (a bug); 73 the output file exists (without {@code --force}) or
 * cannot be written.
 */
@Command(name = "init", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes a commented pipeline file for tables of a PostgreSQL database: one view per table,"
                + " keyed by its primary key, routed to every sink given. Tables that cannot be captured safely are"
                + " listed in the file as comments with the reason.",
                "Connection options default to PGHOST, PGPORT, PGDATABASE and PGUSER, and the file refers to those"
                        + " variables; the password is read from PGPASSWORD only and never written."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the file was written and passes `validate --source`",
                "64:bad command line, a named table does not exist, or no table can be captured",
                "69:PostgreSQL cannot be reached or refuses the login",
                "70:the written file fails its own check (a bug; nothing is left behind)",
                "73:the output file exists (use --force) or cannot be written"})
public final class InitCommand implements Callable<Integer> {
    @Parameters(paramLabel = "TABLE", arity = "0..*",
            description = "Tables to capture: schema.table, table (in public), schema.* or * (every schema)."
                    + " Names are case-sensitive; double-quote a name holding '.', '*' or '\"'.")
    List<String> positional = new ArrayList<>();

    @Option(names = {"-t", "--table"}, paramLabel = "TABLE", description = "A table or pattern to capture (repeatable).")
    List<String> tableOptions = new ArrayList<>();

    @Option(names = "--sink", paramLabel = "TYPE=URL",
            description = "A sink to route every view to (repeatable): elasticsearch=http://host:9200,"
                    + " mongodb=mongodb://host:27017[/database], clickhouse=http://host:8123[/database].")
    List<String> sinkOptions = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Where to write the pipeline ('-': standard output). Default: <name>.yaml.")
    String output;

    @Option(names = "--name", description = "The pipeline's name (lower-case letters, digits, '_', '-'). Default: from the database.")
    String name;

    @Option(names = "--force", description = "Overwrite FILE if it exists.")
    boolean force;

    @Option(names = "--host", description = "PostgreSQL host. Default: $PGHOST, else localhost.")
    String host;

    @Option(names = {"-p", "--port"}, description = "PostgreSQL port. Default: $PGPORT, else 5432.")
    Integer port;

    @Option(names = {"-d", "--database"}, description = "Database. Default: $PGDATABASE, else the user name.")
    String database;

    @Option(names = {"-U", "--user"}, description = "User (needs REPLICATION). Default: $PGUSER, else the OS user.")
    String user;

    @Spec
    CommandSpec spec;

    /** The process environment; tests replace it. */
    Map<String, String> environment = System.getenv();

    /** What the command line asks for, each part checked. */
    private record Request(SourceConnection source, List<TablePattern> tables, List<SinkArgument> sinks,
                           String pipelineName, PipelineFileWriter output) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        try {
            return init(out, err);
        } catch (InitFailure failure) {
            failure.print(err);
            return failure.exitCode();
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int init(PrintWriter out, PrintWriter err) throws Exception {
        SinkFactoryCatalog catalog = SinkFactoryCatalog.discover();
        Request request = request(catalog);
        TableSelection tables = readTables(request, err);
        List<String> warnings = new ArrayList<>(request.source().overriddenIn(environment));
        InitSinks sinks = InitSinks.build(request.sinks(), tables.views(), request.pipelineName(), catalog);
        warnings.addAll(sinks.warnings());
        String text = PipelineTemplate.render(new PipelineTemplate.Content(commandLine(), now(),
                request.output().fileName(), request.pipelineName(), request.source().template(), tables.views(),
                tables.skipped(), tables.excluded(), sinks.sinks()));
        Map<String, String> checkEnvironment = request.source().withoutVariables(environment);
        sinks.secrets().forEach(checkEnvironment::putIfAbsent);
        request.output().write(text, checkEnvironment, catalog, out);
        InitSummary.print(request.output().toStandardOutput() ? err : out, request.output().where(), tables,
                sinks.sinks(), warnings);
        return ExitCodes.OK;
    }

    /** The options checked in the order the user reads them; the output file last, as it is checked on disk. */
    private Request request(SinkFactoryCatalog catalog) throws InitFailure {
        SourceConnection source = SourceConnection.resolve(host, port, database, user, environment);
        List<String> patternTexts = new ArrayList<>(positional);
        patternTexts.addAll(tableOptions);
        if (patternTexts.isEmpty()) {
            throw InitFailure.usage("name the tables to capture, e.g. syncline init 'public.*' (or -t schema.table)");
        }
        List<TablePattern> patterns = new ArrayList<>();
        for (String text : patternTexts) {
            try {
                patterns.add(TablePattern.parse(text));
            } catch (IllegalArgumentException e) {
                throw InitFailure.usage(e.getMessage());
            }
        }
        List<SinkArgument> sinks = new ArrayList<>();
        for (String text : sinkOptions) {
            sinks.add(SinkArgument.parse(text, catalog));
        }
        String pipelineName = name != null ? name : InitNames.pipeline(source.database());
        if (!InitNames.NAME.matcher(pipelineName).matches() || pipelineName.length() > InitNames.NAME_MAX) {
            throw InitFailure.usage("--name '" + pipelineName + "': use lower-case letters, digits, '_' and '-',"
                    + " at most " + InitNames.NAME_MAX + " characters");
        }
        return new Request(source, patterns, sinks, pipelineName,
                PipelineFileWriter.to(output, pipelineName, force));
    }

    /** The tables named, and which of them can be captured safely; at least one must be. */
    private TableSelection readTables(Request request, PrintWriter err) throws Exception {
        TableSelection tables;
        try (Connection connection = request.source().open(environment)) {
            tables = TableSelection.select(connection, request.tables(), request.source().database(),
                    new CaptureSafety(request.source().user()), new ChangeTopicClaims(request.pipelineName()));
        }
        if (tables.views().isEmpty()) {
            tables.skipped().forEach(s -> err.println("  " + PipelineTemplate.display(s.table()) + ": " + s.reason()));
            throw InitFailure.usage("no table can be captured safely among those named"
                    + (tables.skipped().isEmpty() ? "" : " (above: why)"));
        }
        return tables;
    }

    /** The command as given, with options resolved and no secret: for the file's header. */
    private String commandLine() {
        List<String> words = new ArrayList<>(List.of("syncline", "init"));
        if (host != null) {
            words.addAll(List.of("--host", host));
        }
        if (port != null) {
            words.addAll(List.of("--port", port.toString()));
        }
        if (database != null) {
            words.addAll(List.of("--database", database));
        }
        if (user != null) {
            words.addAll(List.of("--user", user));
        }
        if (name != null) {
            words.addAll(List.of("--name", name));
        }
        for (String sink : sinkOptions) {
            words.addAll(List.of("--sink", SinkArgument.masked(sink)));
        }
        if (output != null) {
            words.addAll(List.of("-o", output));
        }
        if (force) {
            words.add("--force");
        }
        tableOptions.forEach(t -> words.addAll(List.of("-t", t)));
        words.addAll(positional);
        return String.join(" ", words.stream().map(InitCommand::shellWord).toList());
    }

    private static String shellWord(String word) {
        return word.matches("[A-Za-z0-9_./:=@%+,-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    private static String now() {
        return ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
