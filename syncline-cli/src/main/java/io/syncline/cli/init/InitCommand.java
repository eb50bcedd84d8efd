package io.syncline.cli.init;

import io.syncline.cdc.PostgresConnections;
import io.syncline.cdc.SourceCatalog;
import io.syncline.cdc.TableSchema;
import io.syncline.cli.ExitCodes;
import io.syncline.config.InvalidPipelineException;
import io.syncline.config.PipelineLoader;
import io.syncline.config.PipelineSpec;
import io.syncline.config.PostgresSpec;
import io.syncline.config.Secret;
import io.syncline.daemon.SinkFactoryCatalog;
import io.syncline.daemon.ViewSchemas;
import io.syncline.view.FieldKind;
import io.syncline.view.ViewField;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    private static final Set<String> TEXT_TYPES = Set.of("text", "varchar", "bpchar", "char", "name", "citext");

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
        // The command line.
        String givenHost = orEnv(host, "PGHOST", "localhost");
        String givenUser = orEnv(user, "PGUSER", System.getProperty("user.name"));
        String givenDatabase = orEnv(database, "PGDATABASE", givenUser);
        int givenPort;
        try {
            givenPort = port != null ? port : Integer.parseInt(orEnv(null, "PGPORT", "5432").trim());
        } catch (NumberFormatException e) {
            return usage(err, "PGPORT is not a port number: '" + environment.get("PGPORT") + "'");
        }
        if (givenPort < 1 || givenPort > 65535) {
            return usage(err, "port " + givenPort + " is not between 1 and 65535");
        }
        List<String> patternTexts = new ArrayList<>(positional);
        patternTexts.addAll(tableOptions);
        if (patternTexts.isEmpty()) {
            return usage(err, "name the tables to capture, e.g. syncline init 'public.*' (or -t schema.table)");
        }
        List<TablePattern> patterns = new ArrayList<>();
        for (String text : patternTexts) {
            try {
                patterns.add(TablePattern.parse(text));
            } catch (IllegalArgumentException e) {
                return usage(err, e.getMessage());
            }
        }
        SinkFactoryCatalog catalog = SinkFactoryCatalog.discover();
        List<SinkArgument> sinkArgs = new ArrayList<>();
        for (String text : sinkOptions) {
            sinkArgs.add(SinkArgument.parse(text, catalog));
        }
        String pipelineName = name != null ? name : InitNames.pipeline(givenDatabase);
        if (!InitNames.NAME.matcher(pipelineName).matches() || pipelineName.length() > InitNames.NAME_MAX) {
            return usage(err, "--name '" + pipelineName + "': use lower-case letters, digits, '_' and '-', at most "
                    + InitNames.NAME_MAX + " characters");
        }
        boolean toStdout = "-".equals(output);
        Path target = toStdout ? null : Path.of(output != null ? output : pipelineName + ".yaml");
        if (target != null && Files.exists(target) && !force) {
            return cantCreate(err, target + " exists; use --force to overwrite it, or -o another file");
        }

        // The source.
        PostgresSpec postgres = new PostgresSpec(givenHost, givenPort, givenDatabase, givenUser,
                new Secret(environment.getOrDefault("PGPASSWORD", "")));
        List<PipelineTemplate.View> views = new ArrayList<>();
        List<PipelineTemplate.Skipped> skipped = new ArrayList<>();
        try (Connection connection = connect(postgres, err)) {
            if (connection == null) {
                return ExitCodes.UNAVAILABLE;
            }
            List<SourceTables.Relation> relations = SourceTables.read(connection);
            Set<SourceTables.Relation> selected = new LinkedHashSet<>();
            List<String> unmatched = new ArrayList<>();
            for (TablePattern pattern : patterns) {
                List<SourceTables.Relation> matched = relations.stream().filter(r -> pattern.matches(r.table()))
                        .filter(r -> !(pattern.wildcard() && r.systemSchema())).toList();
                if (matched.isEmpty()) {
                    unmatched.add(pattern.text());
                }
                selected.addAll(matched);
            }
            if (!unmatched.isEmpty()) {
                return usage(err, "no table in database " + givenDatabase + " matches " + String.join(", ", unmatched)
                        + " (names are case-sensitive; a name alone means public.<name>)");
            }
            SourceCatalog sourceCatalog = new SourceCatalog(connection);
            Set<String> viewNames = new HashSet<>();
            CaptureSafety safety = new CaptureSafety(pipelineName, givenUser);
            relations.stream().filter(selected::contains).forEach(relation -> {
                String reason = safety.unsafe(relation);
                TableSchema schema = null;
                if (reason == null) {
                    try {
                        schema = sourceCatalog.read(relation.table());
                    } catch (SQLException | RuntimeException e) {
                        reason = "its columns could not be read: " + e.getMessage();
                    }
                }
                if (reason != null) {
                    skipped.add(new PipelineTemplate.Skipped(relation.table(), reason));
                    return;
                }
                String view = InitNames.view(relation.table(), viewNames);
                viewNames.add(view);
                views.add(view(view, relation, schema));
            });
        }
        if (views.isEmpty()) {
            skipped.forEach(s -> err.println("  " + PipelineTemplate.display(s.table()) + ": " + s.reason()));
            return usage(err, "no table can be captured safely among those named" + (skipped.isEmpty() ? "" : " (above: why)"));
        }

        // The file.
        Map<String, String> checkEnvironment = new HashMap<>(environment);
        List<String> warnings = new ArrayList<>();
        for (String[] given : List.of(new String[] {"PGHOST", givenHost}, new String[] {"PGPORT", Integer.toString(givenPort)},
                new String[] {"PGDATABASE", givenDatabase}, new String[] {"PGUSER", givenUser})) {
            String set = environment.get(given[0]);
            if (set != null && !set.isEmpty() && !set.equals(given[1])) {
                warnings.add(given[0] + " is set to '" + set + "' here: the file uses $" + given[0]
                        + " when it is set, so `run` in this environment would use it, not '" + given[1] + "'");
            }
            checkEnvironment.remove(given[0]); // the check reads what was asked for: the file's defaults
        }
        InitSinks built = InitSinks.build(sinkArgs, views, pipelineName, catalog);
        built.secrets().forEach(checkEnvironment::putIfAbsent);
        warnings.addAll(built.warnings());
        List<PipelineTemplate.Sink> sinks = built.sinks();
        String fileName = toStdout ? "pipeline.yaml" : target.toString();
        String text = PipelineTemplate.render(new PipelineTemplate.Content(commandLine(), ZonedDateTime.now(ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), fileName, pipelineName,
                new PipelineTemplate.Source(givenHost, givenPort, givenDatabase, givenUser), views, skipped, sinks));

        Path directory = toStdout ? Path.of(System.getProperty("java.io.tmpdir"))
                : target.toAbsolutePath().getParent();
        Path temporary;
        try {
            temporary = Files.createTempFile(directory, ".syncline-init-", ".yaml");
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return cantCreate(err, "cannot write " + (toStdout ? "a temporary file in " + directory : target) + ": " + e);
        }
        try {
            PipelineSpec loaded = new PipelineLoader().load(temporary.toString(), text, checkEnvironment, catalog);
            ViewSchemas.plan(loaded);
        } catch (InvalidPipelineException e) {
            Files.deleteIfExists(temporary);
            if (e.problems().stream().allMatch(p -> p.keyPath().matches("sinks\\[\\d+]\\.connection.*"))) {
                e.problems().forEach(problem -> err.println("syncline init: --sink: " + problem.keyPath() + ": "
                        + problem.message()));
                return ExitCodes.USAGE;
            }
            err.println("syncline init: the pipeline it wrote does not pass its own check (a bug in init; nothing was written):");
            e.problems().forEach(problem -> err.println("  " + problem));
            return ExitCodes.SOFTWARE;
        } catch (SQLException e) {
            Files.deleteIfExists(temporary);
            err.println("syncline init: PostgreSQL failed while checking the views (nothing was written): " + e.getMessage());
            return ExitCodes.UNAVAILABLE;
        }
        PrintWriter report = out;
        if (toStdout) {
            Files.deleteIfExists(temporary);
            out.print(text);
            out.flush();
            report = err;
        } else {
            try {
                if (force) {
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } else {
                    Files.move(temporary, target);
                }
            } catch (FileAlreadyExistsException e) {
                Files.deleteIfExists(temporary);
                return cantCreate(err, target + " exists; use --force to overwrite it, or -o another file");
            } catch (IOException e) {
                Files.deleteIfExists(temporary);
                return cantCreate(err, "cannot write " + target + ": " + e);
            }
        }
        summary(report, toStdout ? "standard output" : target.toString(), views, skipped, sinks, warnings);
        return ExitCodes.OK;
    }

    private static PipelineTemplate.View view(String name, SourceTables.Relation relation, TableSchema schema) {
        List<String> notes = new ArrayList<>();
        List<String> key = List.of();
        if (!schema.primaryKey().isEmpty()) {
            notes.add("keyed by its primary key (" + String.join(", ", schema.primaryKey()) + ")");
        } else {
            key = relation.identityIndex(); // REPLICA IDENTITY USING INDEX: unique, not null, not partial
            notes.add("no primary key: keyed by its REPLICA IDENTITY index (unique, not null)");
        }
        List<String> asText = new ArrayList<>();
        for (ViewField field : schema.fields()) {
            if (field.type().kind() == FieldKind.STRING && !TEXT_TYPES.contains(field.type().sourceType())) {
                asText.add(field.name() + " (" + field.type().sourceType() + ")");
            }
        }
        if (!asText.isEmpty()) {
            notes.add("carried as text: " + String.join(", ", asText));
        }
        return new PipelineTemplate.View(name, relation.table(), key, notes);
    }

    private Connection connect(PostgresSpec postgres, PrintWriter err) throws SQLException {
        try {
            return PostgresConnections.open(postgres);
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "08" : e.getSQLState();
            if (state.startsWith("08") || state.startsWith("28") || state.startsWith("3D")) {
                err.println("syncline init: cannot connect to PostgreSQL at " + postgres.host() + ":" + postgres.port()
                        + ", database " + postgres.database() + ", as user " + postgres.user() + ": " + e.getMessage()
                        + " (set --host/--port/--database/--user or PGHOST/PGPORT/PGDATABASE/PGUSER, and PGPASSWORD)");
                return null;
            }
            throw e;
        }
    }

    private void summary(PrintWriter report, String where, List<PipelineTemplate.View> views,
            List<PipelineTemplate.Skipped> skipped, List<PipelineTemplate.Sink> sinks, List<String> warnings) {
        report.printf("Wrote %s: %d %s captured, one view each%s; %d skipped.%n", where, views.size(),
                views.size() == 1 ? "table" : "tables",
                sinks.isEmpty() ? ", no sinks (examples in the file)"
                        : ", routed to " + String.join(", ", sinks.stream().map(PipelineTemplate.Sink::name).toList()),
                skipped.size());
        for (PipelineTemplate.Skipped s : skipped) {
            report.println("  skipped " + YamlText.comment(PipelineTemplate.display(s.table()) + ": " + s.reason()));
        }
        for (String warning : warnings) {
            report.println("Note: " + warning);
        }
        String file = where.equals("standard output") ? "FILE" : where;
        report.println("It passes `syncline validate --source`. Next: review it, then `syncline run -c " + file + "`.");
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

    private String orEnv(String given, String variable, String fallback) {
        if (given != null) {
            return given;
        }
        String value = environment.get(variable);
        return value == null || value.isEmpty() ? fallback : value;
    }

    private static int usage(PrintWriter err, String message) {
        err.println("syncline init: " + message);
        return ExitCodes.USAGE;
    }

    private static int cantCreate(PrintWriter err, String message) {
        err.println("syncline init: " + message);
        return ExitCodes.CANT_CREATE;
    }
}
