package io.lms.system.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lms.system.Http;
import io.lms.system.Http.Response;
import io.lms.system.Http.SignedIn;
import io.lms.system.MongoBackend;
import io.lms.system.SystemUnderTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The projections' status page of the query side, in headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver} packages, driven through Selenium): it asks for an admin's token, lists every projection
 * with the figures of {@code GET /api/admin/projections}, and refreshes itself. The browser tests are skipped where
 * no Chromium is installed.
 */
public abstract class StatusPageContract {

    private static final Path CHROMIUM = Path.of(System.getProperty("lms.test.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER =
            Path.of(System.getProperty("lms.test.chromedriver", "/usr/bin/chromedriver"));
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    protected abstract MongoBackend backend();

    private Http http;
    private WebDriver browser;

    @BeforeEach
    void connect() {
        http = SystemUnderTest.on(backend()).http;
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void the_page_is_static_content_served_without_a_token_under_a_strict_content_security_policy() {
        Response page = http.query("/admin/projections").send();
        Response script = http.query("/admin/projections.js").send();

        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.header("Content-Security-Policy"))
                .contains("default-src 'none'", "script-src 'self'", "connect-src 'self'")
                .doesNotContain("unsafe-inline");
        assertThat(page.body()).contains("<script src=\"projections.js\" defer></script>");
        assertThat(page.body()).doesNotContainPattern("<script(?![^>]*\\bsrc=)").doesNotContain("style=");
        assertThat(script.status()).as(script.toString()).isEqualTo(200);
        assertThat(script.body()).contains("sessionStorage").doesNotContain("innerHTML");
    }

    @Test
    void the_page_lists_every_projection_with_the_figures_of_the_api_and_refreshes_them() {
        SignedIn admin = http.admin();
        openSignedIn(admin.token());

        await().atMost(DEADLINE).untilAsserted(() -> {
            Map<String, JsonNode> api = apiFigures(admin.token());
            Map<String, Map<String, String>> shown = shownRows();
            assertThat(shown.keySet()).isEqualTo(api.keySet());
            api.forEach((name, p) -> {
                Map<String, String> row = shown.get(name);
                assertThat(row.get("status")).as(name).isEqualTo(p.get("status").asText());
                assertThat(row.get("position"))
                        .as(name)
                        .isEqualTo(p.get("position").asText());
                assertThat(row.get("head")).as(name).isEqualTo(p.get("head").asText());
                assertThat(row.get("lag-events"))
                        .as(name)
                        .isEqualTo(p.get("lag_events").asText());
                assertThat(row.get("lag-seconds")).as(name).matches("\\d+\\.\\d");
                assertThat(row.get("segments-here"))
                        .as(name)
                        .isEqualTo(p.get("segments_here").asText());
                assertThat(row.get("replay")).as(name).isEqualTo("–");
            });
        });
        long before = Long.parseLong(shownRows().get("users").get("position"));

        http.newUser("student"); // new events: the users projection moves on

        await().atMost(DEADLINE).untilAsserted(() -> assertThat(
                        Long.parseLong(shownRows().get("users").get("position")))
                .isGreaterThan(before));
        assertThat(browser.getCurrentUrl()).isEqualTo(http.queryUrl + "/admin/projections");
        assertThat(script("return sessionStorage.getItem('lms.admin.token')")).isEqualTo(admin.token());
    }

    @Test
    void a_replaying_projection_shows_its_progress_as_a_bar() {
        SignedIn admin = http.admin();
        openSignedIn(admin.token());
        await().atMost(DEADLINE).until(() -> shownRows().containsKey("users"));

        // the page's next refresh reads 'users' as replaying at 42.5 %, as the API reports a replay
        script("const real = window.fetch;"
                + "window.fetch = (...args) => real(...args).then(r => r.json().then(list => new Response("
                + "JSON.stringify(list.map(p => p.name === 'users'"
                + " ? Object.assign({}, p, {status: 'replaying', replay_progress: 42.5}) : p)),"
                + " {status: r.status, headers: {'Content-Type': 'application/json'}})));");

        await().atMost(DEADLINE).untilAsserted(() -> {
            Map<String, String> users = shownRows().get("users");
            assertThat(users.get("status")).isEqualTo("replaying");
            assertThat(users.get("replay-value")).isEqualTo("42.5");
            assertThat(users.get("replay-max")).isEqualTo("100");
            assertThat(users.get("replay")).isEqualTo("42.5 %");
        });
    }

    @Test
    void a_token_that_is_not_an_admins_is_forgotten_and_the_page_asks_again() {
        SignedIn student = http.newUser("student");
        openSignedIn(student.token());

        await().atMost(DEADLINE).untilAsserted(() -> {
            assertThat(browser.findElement(By.id("sign-in")).isDisplayed()).isTrue();
            assertThat(browser.findElement(By.id("sign-in-problem")).getText()).contains("not an admin");
        });
        assertThat(browser.findElement(By.id("board")).isDisplayed()).isFalse();
        assertThat(script("return sessionStorage.getItem('lms.admin.token')")).isNull();
    }

    /** Opens the page in a new headless Chromium and gives it {@code token} through its form, as a person would. */
    private void openSignedIn(String token) {
        assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "no Chromium here (apt-get install chromium chromium-driver)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu");
        options.addArguments("--window-size=1280,900", "--no-first-run", "--disable-extensions");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        browser.get(http.queryUrl + "/admin/projections");
        await().atMost(DEADLINE)
                .until(() -> browser.findElement(By.id("sign-in")).isDisplayed());
        assertThat(browser.findElement(By.id("board")).isDisplayed()).isFalse();
        browser.findElement(By.id("token")).sendKeys(token);
        browser.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
    }

    /**
     * Each row of the page's table by projection name: its cells' text by class (position, head, lag-events, ...),
     * and a replay bar's value and max. Read in one script, as the page replaces its rows at every refresh.
     */
    @SuppressWarnings("unchecked")
    private Map<String, Map<String, String>> shownRows() {
        List<Map<String, Object>> rows = (List<Map<String, Object>>)
                script("return Array.from(document.querySelectorAll('#projections tbody tr')).map(tr => {"
                        + " const cells = {name: tr.dataset.name};"
                        + " Array.from(tr.cells).forEach(td => cells[td.className.split(' ')[0]] = td.textContent.trim());"
                        + " const bar = tr.querySelector('td.replay progress');"
                        + " if (bar) { cells['replay-value'] = String(bar.value); cells['replay-max'] = String(bar.max); }"
                        + " return cells; });");
        Map<String, Map<String, String>> byName = new TreeMap<>();
        for (Map<String, Object> row : rows) {
            Map<String, String> cells = new TreeMap<>();
            row.forEach((key, value) -> cells.put(key, String.valueOf(value)));
            byName.put(cells.get("name"), cells);
        }
        return byName;
    }

    private Map<String, JsonNode> apiFigures(String token) {
        Response r = http.query("/api/admin/projections").token(token).send();
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        Map<String, JsonNode> byName = new TreeMap<>();
        r.json().forEach(p -> byName.put(p.get("name").asText(), p));
        return byName;
    }

    private Object script(String code) {
        return ((JavascriptExecutor) browser).executeScript(code);
    }
}
