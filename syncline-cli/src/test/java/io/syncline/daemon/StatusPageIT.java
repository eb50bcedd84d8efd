package io.syncline.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ConnectionString;
import io.syncline.cli.ExitCodes;
import io.syncline.config.PipelineLoader;
import io.syncline.testkit.ClickHouseEndpoint;
import io.syncline.testkit.ElasticsearchEndpoint;
import io.syncline.testkit.KafkaEndpoint;
import io.syncline.testkit.MongoEndpoint;
import io.syncline.testkit.PostgresEndpoint;
import io.syncline.testkit.RealServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The status page (GET /) in headless Chromium and {@code syncline status}, against a pipeline on the
 * real servers whose endpoint wants a token: the page, opened with {@code /#token=...}, shows every
 * sink, each captured table and each view by name, and turns the MongoDB sink red while its store is unreachable (the sink reaches MongoDB through
 * a {@link TcpProxy} the test cuts), and back once it writes; {@code status} exits 0 when ready, 1
 * while the sink is cut, 69 once the pipeline is closed. Chromium and its driver are Debian's
 * {@code chromium} and {@code chromium-driver} (scripts/install-prerequisites.sh installs them).
 */
@RealServices
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StatusPageIT {
    static final Path CHROMIUM = Path.of(System.getProperty("syncline.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("syncline.chromedriver", "/usr/bin/chromedriver"));
    static final Duration PAGE_TIMEOUT = Duration.ofSeconds(120);
    /** The down card's background (#ffebe9): the page really shows it red, not only an attribute. */
    static final String RED_BACKGROUND = "rgba(255, 235, 233, 1)";

    private final String token = "page-" + UUID.randomUUID();
    private final HttpClient client = HttpClient.newHttpClient();
    private final Path screenshots = Path.of("target", "status-page");
    private TestPipeline pipeline;
    private PipelineRuntime runtime;
    private PostgresEndpoint db;
    private TcpProxy proxy;
    private ChromeDriver browser;
    private Path statusFile;
    private int port;
    private int nextId = 1;

    @BeforeAll
    void start(PostgresEndpoint postgres, KafkaEndpoint kafka, ElasticsearchEndpoint es, MongoEndpoint mongo,
               ClickHouseEndpoint clickhouse) throws Exception {
        assertThat(CHROMIUM).as("Chromium (Debian's chromium; scripts/install-prerequisites.sh installs it)").isExecutable();
        assertThat(CHROMEDRIVER).as("chromedriver (Debian's chromium-driver; scripts/install-prerequisites.sh installs it)")
                .isExecutable();
        db = postgres.createDatabase("status_page_it");
        sql("CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL)");
        ConnectionString target = new ConnectionString(mongo.connectionString());
        String host = target.getHosts().get(0);
        int colon = host.lastIndexOf(':');
        proxy = new TcpProxy(colon < 0 ? host : host.substring(0, colon),
                colon < 0 ? 27017 : Integer.parseInt(host.substring(colon + 1)));
        String proxied = mongo.connectionString().replace(host, "127.0.0.1:" + proxy.port())
                + (mongo.connectionString().contains("?") ? "&" : (mongo.connectionString().matches("mongodb://[^/]+") ? "/?" : "?"))
                + "directConnection=true&serverSelectionTimeoutMS=3000&connectTimeoutMS=2000";
        pipeline = TestPipeline.create("status_page_it", db, kafka, es, new MongoEndpoint(proxied), clickhouse,
                List.of("items"), new TestPipeline.Views("- {name: items, table: public.items}\n",
                        Map.of(TestPipeline.SEARCH, List.of("items"), TestPipeline.DOCUMENTS, List.of("items"),
                                TestPipeline.ANALYTICS, List.of("items")), Map.of()));
        // The file as an operator has it: secrets written in, and a token on the endpoint.
        String anyPort = "http: {address: \"127.0.0.1:0\"}";
        assertThat(pipeline.yaml()).contains(anyPort);
        String yaml = pipeline.yaml().replace("${TEST_PG_PASSWORD}", db.password())
                .replace("${TEST_CH_PASSWORD}", clickhouse.password())
                .replace(anyPort, "http: {address: \"127.0.0.1:0\", token: \"" + token + "\"}");
        Path file = Files.writeString(pipeline.stateDir().resolve("page.yaml"), yaml);
        runtime = TestPipeline.startStreaming(new PipelineLoader().load(file, Map.of(), SinkFactoryCatalog.discover()));
        port = runtime.httpAddress().orElseThrow().getPort();
        // The file `syncline status` reads names the port the daemon got.
        statusFile = Files.writeString(pipeline.stateDir().resolve("status.yaml"),
                yaml.replace("address: \"127.0.0.1:0\"", "address: \"127.0.0.1:" + port + "\""));
        Files.createDirectories(screenshots);
        browser = chromium();
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (pipeline != null) {
            pipeline.tearDown(runtime);
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    /** Debian's Chromium through its chromedriver, headless; never a downloaded browser or driver. */
    static ChromeDriver chromium() {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000");
        return new ChromeDriver(service, options);
    }

    @Test
    @Order(1)
    void thePageShowsEverySinkAndTheStatusCommandExitsZeroWhenReady() throws Exception {
        insertRows(5);
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            assertThat(get("/health/ready").statusCode()).isEqualTo(200);
            assertThat(runtime.sinks().get(TestPipeline.DOCUMENTS).metrics().recordsWritten()).isGreaterThanOrEqualTo(5);
        });

        browser.get("http://127.0.0.1:" + port + "/#token=" + token);
        awaitPage("ready with every sink up", () -> {
            assertThat(body().getAttribute("data-ready")).isEqualTo("true");
            for (String sink : TestPipeline.SINKS) {
                assertThat(sink(sink).getAttribute("data-state")).as(sink).isEqualTo("up");
            }
            assertThat(component("capture").getAttribute("data-state")).isEqualTo("up");
            assertThat(component("views").getAttribute("data-state")).isEqualTo("up");
            assertThat(count(sink(TestPipeline.DOCUMENTS), "written")).isGreaterThanOrEqualTo(5);
        });
        assertThat(browser.getCurrentUrl()).as("the token is taken out of the address bar").doesNotContain(token);
        assertThat(browser.findElement(By.id("overall")).getText()).isEqualTo(pipeline.name() + ": ready");
        assertThat(browser.getTitle()).startsWith("✔ ready");
        // The slot monitor's reading (OK, or ABSENT/UNKNOWN until its first reading after the slot was made).
        assertThat(component("source").getAttribute("data-status")).isNotBlank();
        assertThat(component("source").findElement(By.cssSelector("[data-field='slot']")).getText()).isNotBlank();
        assertThat(component("capture").getAttribute("data-status")).isEqualTo("STREAMING");
        assertThat(sink(TestPipeline.DOCUMENTS).getCssValue("background-color")).isNotEqualTo(RED_BACKGROUND);

        // Rates come from successive readings: more rows, and each sink shows records per second.
        insertRows(10);
        awaitPage("rates and the new counts", () -> {
            for (String sink : TestPipeline.SINKS) {
                assertThat(count(sink(sink), "written")).as(sink).isGreaterThanOrEqualTo(nextId - 1);
                assertThat(sink(sink).findElements(By.cssSelector("[data-rate='sink." + sink + ".written']"))).as(sink).isNotEmpty();
            }
            assertThat(count(component("capture"), "records")).isGreaterThanOrEqualTo(nextId - 1);
        });
        screenshot("ready");

        // Each captured table and each view /status names: a row of its own, by name, with its counts.
        JsonNode document = new ObjectMapper().readTree(get("/status").body());
        List<String> tables = names(document.path("capture").path("tables"));
        List<String> views = names(document.path("views").path("byView"));
        assertThat(tables).contains("public.items");
        assertThat(views).contains("items");
        awaitPage("each table and each view by name", () -> {
            for (String table : tables) {
                WebElement row = component("capture").findElement(By.cssSelector("[data-table='" + table + "']"));
                assertThat(row.findElement(By.cssSelector("[data-field='name']")).getText()).isEqualTo(table);
                assertThat(row.findElement(By.cssSelector("[data-field='snapshot']")).getText()).matches("[A-Z]+ [\\d,]+( \\(\\d+%\\))?");
            }
            for (String view : views) {
                WebElement row = component("views").findElement(By.cssSelector("[data-view='" + view + "']"));
                assertThat(row.findElement(By.cssSelector("[data-field='name']")).getText()).isEqualTo(view);
                assertThat(count(row, "deadLettered")).isZero();
                assertThat(row.findElement(By.cssSelector("[data-field='deadLettered']")).getAttribute("class")).doesNotContain("bad");
            }
            WebElement items = component("capture").findElement(By.cssSelector("[data-table='public.items']"));
            assertThat(count(items, "changes")).isGreaterThanOrEqualTo(nextId - 1);
            WebElement view = component("views").findElement(By.cssSelector("[data-view='items']"));
            assertThat(count(view, "recordsIn")).isGreaterThanOrEqualTo(nextId - 1);
            assertThat(count(view, "documentsOut")).isGreaterThanOrEqualTo(nextId - 1);
        });

        CliRun status = CliRun.of(List.of("status"), statusFile);
        assertThat(status.exit()).as(status.err()).isEqualTo(ExitCodes.OK);
        assertThat(status.out()).startsWith("pipeline " + pipeline.name() + ": ready\n")
                .containsPattern("(?m)^capture +STREAMING +yes ")
                .containsPattern("(?m)^  table public\\.items +[\\d,]+ changes, snapshot [A-Z]+, [\\d,]+ rows read")
                .containsPattern("(?m)^views +RUNNING +yes ")
                .containsPattern("(?m)^  view items +[\\d,]+ in, [\\d,]+ out, 0 unchanged, 0 stale, 0 dead-lettered$")
                .containsPattern("(?m)^sink search +RUNNING +yes ")
                .containsPattern("(?m)^sink documents +RUNNING +yes ")
                .containsPattern("(?m)^sink analytics +RUNNING +yes ")
                .containsPattern("(?m)^slot \\S+ +[A-Z]+ +- ");
        CliRun json = CliRun.of(List.of("status"), statusFile, "--json");
        assertThat(json.exit()).isZero();
        assertThat(json.out()).contains("\"ready\" : true", "\"pipeline\" : \"" + pipeline.name() + "\"");
    }

    @Test
    @Order(2)
    void theMongoSinkTurnsRedWhileItsStoreIsCutAndTheStatusCommandExitsOne() throws Exception {
        proxy.cut();
        insertRows(3);

        awaitPage("the documents sink red, the others up", () -> {
            WebElement documents = sink(TestPipeline.DOCUMENTS);
            assertThat(documents.getAttribute("data-state")).isEqualTo("down");
            assertThat(documents.getAttribute("data-status")).isEqualTo("RETRYING");
            assertThat(documents.getCssValue("background-color")).isEqualTo(RED_BACKGROUND);
            assertThat(documents.findElement(By.className("reason")).getText()).startsWith("retrying; last error at");
            assertThat(documents.findElement(By.cssSelector("[data-field='retrying']")).getText()).isEqualTo("yes");
            assertThat(sink(TestPipeline.SEARCH).getAttribute("data-state")).isEqualTo("up");
            assertThat(sink(TestPipeline.ANALYTICS).getAttribute("data-state")).isEqualTo("up");
            assertThat(body().getAttribute("data-ready")).isEqualTo("false");
            assertThat(browser.findElement(By.id("overall")).getText()).isEqualTo(pipeline.name() + ": NOT READY");
            assertThat(browser.findElement(By.id("reason")).getText()).startsWith("sink documents: retrying");
        });
        assertThat(browser.getTitle()).startsWith("✘ not ready");
        screenshot("mongodb-cut");

        CliRun status = CliRun.of(List.of("status"), statusFile);
        assertThat(status.exit()).as(status.err()).isEqualTo(ExitCodes.NOT_READY).isEqualTo(1);
        assertThat(status.out()).startsWith("pipeline " + pipeline.name() + ": NOT READY (sink documents: retrying")
                .containsPattern("(?m)^sink documents +RETRYING +no ")
                .containsPattern("(?m)^sink analytics +RUNNING +yes ")
                .contains("\ndown:\n  sink documents: RETRYING, retrying; last error at");

        proxy.restore();
        awaitPage("every sink up again", () -> {
            assertThat(body().getAttribute("data-ready")).isEqualTo("true");
            assertThat(sink(TestPipeline.DOCUMENTS).getAttribute("data-state")).isEqualTo("up");
            assertThat(sink(TestPipeline.DOCUMENTS).getCssValue("background-color")).isNotEqualTo(RED_BACKGROUND);
            assertThat(count(sink(TestPipeline.DOCUMENTS), "written")).isGreaterThanOrEqualTo(nextId - 1);
        });
        assertThat(CliRun.of(List.of("status"), statusFile).exit()).isEqualTo(ExitCodes.OK);
        assertThat(runtime.failure()).isEmpty();
    }

    @Test
    @Order(3)
    void onceThePipelineIsClosedTheStatusCommandSaysDownAndThePageUnreachable() throws Exception {
        runtime.close();
        runtime = null;

        CliRun status = CliRun.of(List.of("status"), statusFile);
        assertThat(status.exit()).isEqualTo(ExitCodes.UNAVAILABLE).isEqualTo(69);
        assertThat(status.out()).isEmpty();
        assertThat(status.err()).contains("no syncline daemon answers at http://127.0.0.1:" + port + "/status");

        awaitPage("unreachable, every card grey", () -> {
            assertThat(body().getAttribute("data-reachable")).isEqualTo("false");
            assertThat(body().getAttribute("data-ready")).isEqualTo("false");
            assertThat(browser.findElement(By.id("overall")).getText()).isEqualTo(pipeline.name() + ": unreachable");
            assertThat(sink(TestPipeline.DOCUMENTS).getAttribute("data-state")).isEqualTo("unknown");
        });
        screenshot("closed");
    }

    private void awaitPage(String what, org.awaitility.core.ThrowingRunnable assertion) {
        try {
            // Each refresh rebuilds a card's contents: an element found inside one may be gone by the next call on it.
            await(what).atMost(PAGE_TIMEOUT).pollInterval(Duration.ofMillis(500))
                    .ignoreException(StaleElementReferenceException.class).untilAsserted(assertion);
        } catch (RuntimeException | AssertionError e) {
            screenshot("failed-" + what.replaceAll("\\W+", "-"));
            throw e;
        }
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private WebElement body() {
        return browser.findElement(By.tagName("body"));
    }

    private WebElement sink(String name) {
        return browser.findElement(By.cssSelector("[data-sink='" + name + "']"));
    }

    private WebElement component(String name) {
        return browser.findElement(By.cssSelector("[data-component='" + name + "']"));
    }

    /** The number a card shows in a field (before its rate, thousands separators and all). */
    private static long count(WebElement card, String field) {
        String text = card.findElement(By.cssSelector("[data-field='" + field + "']")).getText();
        String digits = text.split("\\s+")[0].replace(",", "");
        return digits.matches("\\d+") ? Long.parseLong(digits) : -1;
    }

    private void screenshot(String name) {
        try {
            Files.write(screenshots.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
        } catch (Exception e) {
            System.out.println("no screenshot " + name + ": " + e);
        }
    }

    private void insertRows(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            sql("INSERT INTO items VALUES (" + nextId + ", 'item " + nextId + "')");
            nextId++;
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private void sql(String... statements) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }
}
