package org.storeroom.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The panel end to end in the system's headless Chromium (Debian chromium and chromium-driver) against
 * the real gateway and a simulated range: log in, open an aisle and watch the columns move, see the
 * climate with its plot, switch to English, and a viewer refused an aisle. Screenshots go to
 * {@code target/screenshots}; the first paint and the map's lag behind the nodes are printed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PanelIT {
    private static final Path SHOTS = Path.of("target/screenshots");
    private TestRoom room;
    private URI base;
    private WebDriver browser;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        room = TestRoom.start(dir, "panel e2e admin pw");
        base = room.base;
        Files.createDirectories(SHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900", "--lang=zh-CN");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new java.io.File("/usr/bin/chromedriver")).build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (room != null) {
            room.close();
        }
    }

    private void shot(String name) throws Exception {
        Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private WebDriverWait waiting(int seconds) {
        WebDriverWait w = new WebDriverWait(browser, Duration.ofSeconds(seconds), Duration.ofMillis(50));
        w.ignoring(org.openqa.selenium.StaleElementReferenceException.class); // the climate screen redraws its cards
        return w;
    }

    private void logIn(String user) {
        browser.get(base.toString());
        waiting(10).until(d -> d.findElement(By.id("login")).isDisplayed());
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(TestRoom.PASSWORD);
        browser.findElement(By.cssSelector("#login-form button[type=submit]")).click();
        waiting(10).until(d -> d.findElement(By.id("tabs")).isDisplayed());
    }

    private void logOut() {
        browser.findElement(By.id("logout")).click();
        waiting(10).until(d -> d.findElement(By.id("login")).isDisplayed());
    }

    @Test
    void archivistOpensAnAisleSeesTheClimateInBothLanguagesAndAViewerIsRefused() throws Exception {
        try {
            walkThrough();
        } catch (Exception | AssertionError e) {
            shot("failure");
            throw new AssertionError(e.getMessage() + "\npage text:\n" + browser.findElement(By.tagName("body")).getText(), e);
        }
    }

    private void walkThrough() throws Exception {
        browser.get(base.toString());
        waiting(10).until(d -> d.findElement(By.id("login")).isDisplayed());
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("智能档案库房");
        Object paint = ((JavascriptExecutor) browser).executeScript(
                "const p = performance.getEntriesByName('first-contentful-paint')[0]; return p ? p.startTime : -1;");
        System.out.println("panel first contentful paint: " + paint + " ms");
        shot("01-login");

        logIn("li.wei");
        browser.findElement(By.cssSelector("#tabs button[data-tab=map]")).click();
        waiting(10).until(d -> d.findElements(By.cssSelector(".column[data-motion=STOPPED]")).size() == 8);
        assertThat(browser.findElement(By.id("mode")).getText()).isEqualTo("正常");
        shot("02-map");

        // Touch aisle A-8: the columns that must move show it as their nodes report it, then the aisle is open.
        // The map's lag behind the nodes: each column node's motion changes, timed where it happens (on the
        // node), against the moment the page shows it (a mutation observer on the map), same wall clock.
        ((JavascriptExecutor) browser).executeScript("window.seen = []; new MutationObserver((ms) => { const now = Date.now();"
                + " for (const m of ms) { window.seen.push([Number(m.target.dataset.column), m.target.dataset.motion, now]); } })"
                + ".observe(document.getElementById('ranges'), { subtree: true, attributes: true, attributeFilter: ['data-motion'] });");
        try (NodeMotions nodes = new NodeMotions(room.room, 2, 9)) {
            long asked = System.nanoTime();
            browser.findElement(By.cssSelector(".aisle[data-aisle='A-8']")).click();
            waiting(10).until(d -> d.findElement(By.id("map-message")).getText().contains("A-8"));
            waiting(10).until(d -> !d.findElements(By.cssSelector(".column[data-motion^=MOVING]")).isEmpty());
            long seenMoving = System.nanoTime();
            System.out.println("aisle asked → a column shown moving: " + (seenMoving - asked) / 1_000_000 + " ms");
            assertThat(browser.findElement(By.cssSelector(".column[data-motion^=MOVING]")).getText()).contains("移动中…");
            shot("03-moving");
            waiting(40).until(d -> d.findElement(By.cssSelector(".aisle[data-aisle='A-8']")).getAttribute("class").contains("open"));
            waiting(10).until(d -> d.findElements(By.cssSelector(".column[data-motion=STOPPED]")).size() == 8);
            shot("04-aisle-open");
            // And the next aisle over, for a second column's start and stop.
            browser.findElement(By.cssSelector(".aisle[data-aisle='A-7']")).click();
            waiting(40).until(d -> d.findElement(By.cssSelector(".aisle[data-aisle='A-7']")).getAttribute("class").contains("open"));
            waiting(10).until(d -> d.findElements(By.cssSelector(".column[data-motion=STOPPED]")).size() == 8);
            @SuppressWarnings("unchecked")
            List<List<Number>> shown = ((List<List<Object>>) ((JavascriptExecutor) browser).executeScript("return window.seen;")).stream()
                    .map(e -> List.of((Number) e.get(0), (Number) (e.get(1).toString().startsWith("MOVING") ? 1 : e.get(1).equals("STOPPED") ? 0 : -1),
                            (Number) e.get(2)))
                    .toList();
            List<Long> lags = nodes.lagsUntilShown(shown);
            assertThat(lags).as("every motion change of a node shown on the map: node %s, page %s", nodes.changes(), shown)
                    .hasSize(nodes.changes().size()).isNotEmpty();
            List<Long> sorted = lags.stream().sorted().toList();
            System.out.println("node state change → shown on the map (" + sorted.size() + " changes): median "
                    + sorted.get(sorted.size() / 2) + " ms, max " + sorted.get(sorted.size() - 1) + " ms " + sorted);
        }

        // Climate: the zone's reading, its band and a plot of the last 24 hours.
        browser.findElement(By.cssSelector("#tabs button[data-tab=climate]")).click();
        waiting(20).until(d -> d.findElement(By.cssSelector(".zone .reading")).getText().contains("°C"));
        waiting(20).until(d -> !d.findElements(By.cssSelector(".zone svg.plot polyline.line-t")).isEmpty()
                && !d.findElement(By.cssSelector(".zone svg.plot polyline.line-t")).getAttribute("points").isBlank());
        List<WebElement> protections = browser.findElements(By.cssSelector("#protections li"));
        assertThat(protections).hasSize(8);
        assertThat(protections.get(0).getText()).startsWith("防火");
        shot("05-climate");

        // English.
        browser.findElement(By.id("lang")).click();
        waiting(5).until(d -> d.findElement(By.tagName("h1")).getText().equals("Smart archive store room"));
        assertThat(browser.findElement(By.cssSelector("#tabs button[data-tab=map]")).getText()).isEqualTo("Room map");
        waiting(10).until(d -> d.findElements(By.cssSelector("#protections li")).get(0).getText().startsWith("fire"));
        shot("06-climate-english");
        logOut();

        // A viewer sees the map but may not open an aisle, and is told why.
        logIn("zhang.min");
        browser.findElement(By.cssSelector("#tabs button[data-tab=map]")).click();
        waiting(10).until(d -> !d.findElements(By.cssSelector(".aisle[data-aisle='A-3']")).isEmpty());
        browser.findElement(By.cssSelector(".aisle[data-aisle='A-3']")).click();
        waiting(10).until(d -> d.findElement(By.id("map-message")).getText().equals("this needs the archivist or facilities role"));
        assertThat(browser.findElement(By.id("map-message")).getAttribute("class")).contains("bad");
        shot("07-viewer-refused");
        logOut();
        browser.findElement(By.id("lang")).click(); // back to Chinese for whoever comes next
    }
}
