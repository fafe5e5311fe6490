package org.storeroom.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
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
import org.storeroom.testing.Await;

/**
 * The panel end to end in the system's headless Chromium (Debian chromium and chromium-driver) against
 * the real gateway and a simulated range: log in, open an aisle and watch the columns move, see the
 * climate with its plot, switch to English, and a viewer refused an aisle. Screenshots go to
 * {@code target/screenshots}; the first paint and the map's lag behind the nodes are printed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PanelIT {
    private static final Path SHOTS = Path.of("target/screenshots");
    private static final String ADMIN_PASSWORD = "panel e2e admin pw";
    private TestRoom room;
    private URI base;
    private WebDriver browser;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        room = TestRoom.start(dir, ADMIN_PASSWORD);
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
        logIn(user, TestRoom.PASSWORD);
    }

    private void logIn(String user, String password) {
        browser.get(base.toString());
        waiting(10).until(d -> d.findElement(By.id("login")).isDisplayed());
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
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

    private static final String CATALOGUE = "档号,盒EPC,存放位置,件号,题名,证件号码,合同号\n"
            + "0435-DK·2015-Y-00001,E28011600000000000000001,C07-A-B03-L2-S05,DK2015-000001,贷款一,370700198501011234,WF2015000001\n"
            + "0435-DK·2015-Y-00001,E28011600000000000000001,C07-A-B03-L2-S05,DK2015-000002,贷款二,370700198501011234,WF2015000002\n"
            + "0435-DK·2015-Y-00002,E28011600000000000000002,C07-B-B01-L1-S01,DK2015-000003,贷款三,110100197001011111,WF2015000003\n";

    /** Two boxes in column 7, imported the way an admin would: checked, then applied. */
    private void importCatalogue() throws Exception {
        ApiBrowser admin = room.admin();
        JsonNode check = ApiBrowser.json(admin.send("POST", "/api/v1/catalogue/checks", CATALOGUE, "text/csv"));
        assertThat(check.path("ok").asBoolean()).as(check.toString()).isTrue();
        long id = check.path("id").asLong();
        assertThat(admin.send("POST", "/api/v1/catalogue/checks/" + id + "/apply", "{}").statusCode()).isEqualTo(202);
        Await.until("the catalogue imported", 20_000, () -> {
            try {
                return admin.get("/api/v1/catalogue/checks/" + id).path("state").asText().equals("done");
            } catch (Exception e) {
                return false;
            }
        });
    }

    /** Locate a box, check a file out and back in, see its whereabouts; count column 7 with the cart. */
    private void loansAndInventory() throws Exception {
        importCatalogue();
        browser.findElement(By.cssSelector("#tabs button[data-tab=locate]")).click();
        browser.findElement(By.id("q")).sendKeys("0435-DK·2015-Y-00001");
        browser.findElement(By.cssSelector("#locate-form button[type=submit]")).click();
        waiting(10).until(d -> !d.findElements(By.cssSelector("#results tbody tr")).isEmpty());
        assertThat(browser.findElement(By.cssSelector("#results tbody tr")).getText()).contains("0435-DK·2015-Y-00001", "07列 A面 03节 2层 05号", "在架");
        shot("05-locate");
        browser.findElement(By.cssSelector("#results tbody tr button")).click(); // show on the map
        waiting(10).until(d -> d.findElement(By.cssSelector(".column[data-column='7']")).getAttribute("class").contains("located"));

        browser.findElement(By.cssSelector("#tabs button[data-tab=loans]")).click();
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("loan-kind"))).selectByValue("file");
        browser.findElement(By.id("loan-no")).sendKeys("DK2015-000001");
        browser.findElement(By.id("loan-borrower")).sendKeys("稽核处 王芳");
        browser.findElement(By.cssSelector("#loan-form button[type=submit]")).click();
        waiting(10).until(d -> d.findElement(By.id("loan-message")).getText().equals("已借出：件 DK2015-000001 → 稽核处 王芳"));
        waiting(10).until(d -> d.findElements(By.cssSelector("#loan-list tr[data-item='file:DK2015-000001']")).size() == 1);
        // The same file again: refused, and the panel says why.
        browser.findElement(By.id("loan-no")).sendKeys("DK2015-000001");
        browser.findElement(By.id("loan-borrower")).sendKeys("别人");
        browser.findElement(By.cssSelector("#loan-form button[type=submit]")).click();
        waiting(10).until(d -> d.findElement(By.id("loan-message")).getAttribute("class").contains("bad"));
        assertThat(browser.findElement(By.id("loan-message")).getText()).contains("稽核处 王芳");
        shot("06-loans");
        browser.findElement(By.cssSelector("#loan-list tr[data-item='file:DK2015-000001'] button")).click();
        waiting(10).until(d -> d.findElement(By.id("loan-message")).getText().equals("已归还：件 DK2015-000001"));
        waiting(10).until(d -> d.findElements(By.cssSelector("#loan-list tr[data-item]")).isEmpty());
        browser.findElement(By.id("trail-no")).sendKeys("DK2015-000001");
        browser.findElement(By.cssSelector("#trail-form button[type=submit]")).click();
        waiting(10).until(d -> d.findElements(By.cssSelector("#trail tbody tr")).size() == 2);
        List<WebElement> steps = browser.findElements(By.cssSelector("#trail tbody tr"));
        assertThat(steps.get(0).getText()).contains("借出", "li.wei", "借给 稽核处 王芳");
        assertThat(steps.get(1).getText()).contains("归还", "li.wei");
        shot("07-whereabouts");

        // Inventory of column 7: the cart's reads move the progress bar while the screen is open.
        browser.findElement(By.cssSelector("#tabs button[data-tab=inventory]")).click();
        browser.findElement(By.id("inventory-columns")).sendKeys("7");
        browser.findElement(By.cssSelector("#inventory-form button[type=submit]")).click();
        waiting(10).until(d -> d.findElement(By.id("inventory-message")).getText().startsWith("已开始盘点 #"));
        WebElement row = waiting(10).until(d -> d.findElement(By.cssSelector("#inventory-list tr[data-state=running]")));
        String session = row.getAttribute("data-session");
        assertThat(row.findElement(By.cssSelector(".count")).getText()).contains("0 / 2", "进行中");
        assertThat(row.getText()).contains("第 7 列");
        HttpResponse<String> reads = room.as("li.wei").send("POST", "/api/v1/inventory/reads",
                "{\"column\":7,\"epcs\":[\"E28011600000000000000001\",\"ABCD\"]}");
        assertThat(reads.statusCode()).as(reads.body()).isEqualTo(200);
        waiting(10).until(d -> d.findElement(By.cssSelector("#inventory-list tr[data-session='" + session + "'] .count")).getText()
                .contains("1 / 2 · 2 读到标签"));
        assertThat(browser.findElement(By.cssSelector("#inventory-list tr[data-session='" + session + "'] progress")).getAttribute("value"))
                .isEqualTo("1");
        shot("08-inventory-running");
        browser.findElement(By.cssSelector("#inventory-list tr[data-session='" + session + "'] button")).click();
        waiting(10).until(d -> d.findElement(By.id("report")).isDisplayed());
        WebElement report = browser.findElement(By.id("report"));
        assertThat(report.findElement(By.cssSelector("[data-verdict=found] strong")).getText()).isEqualTo("1");
        assertThat(report.findElement(By.cssSelector("[data-verdict=missing] strong")).getText()).isEqualTo("1");
        assertThat(report.findElement(By.cssSelector("[data-verdict=unexpected] strong")).getText()).isEqualTo("1");
        assertThat(report.findElement(By.cssSelector("[data-list=missing]")).getText()).contains("0435-DK·2015-Y-00002", "C07-B-B01-L1-S01");
        assertThat(report.findElement(By.cssSelector("[data-list=unexpected]")).getText()).isEqualTo("ABCD");
        String csv = report.findElement(By.cssSelector("a.button")).getAttribute("href");
        assertThat(csv).endsWith("/api/v1/inventory/" + session + "/report?format=csv");
        // The export link works with the panel's login, as the browser would fetch it.
        Object exported = ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1]; fetch(arguments[0]).then((r) => r.text()).then(done);", csv);
        assertThat(exported.toString()).contains("missing,0435-DK·2015-Y-00002");
        waiting(10).until(d -> d.findElement(By.cssSelector("#inventory-list tr[data-session='" + session + "']")).getAttribute("data-state")
                .equals("finished"));
        shot("09-inventory-report");
    }

    /** Facilities staff (in English): a latched emergency stop reset after confirming, the month's climate, an inspection recorded. */
    private void facilitiesResetAStopAndRecordAnInspection() throws Exception {
        logIn("wang.fang");
        browser.findElement(By.cssSelector("#tabs button[data-tab=map]")).click();
        room.room.emergencyStop(5, true);
        waiting(10).until(d -> d.findElement(By.cssSelector(".column[data-column='5']")).getAttribute("class").contains("latched"));
        assertThat(browser.findElement(By.cssSelector(".column[data-column='5']")).getText()).contains("Latched stop");
        waiting(10).until(d -> d.findElement(By.id("banner")).getText().startsWith("STOPPED · Column 5: emergency stop"));
        browser.findElement(By.id("lang")).click(); // what the board said, in Chinese as well
        waiting(10).until(d -> d.findElement(By.id("banner")).getText().startsWith("急停 · 列 5: 急停按钮已按下"));
        browser.findElement(By.id("lang")).click();
        waiting(10).until(d -> d.findElement(By.id("banner")).getText().startsWith("STOPPED · Column 5: emergency stop"));
        room.room.emergencyStop(5, false);
        Await.until("column 5's emergency stop released at the node", 5000, () -> !room.room.column(5).state().emergencyStop());
        browser.findElement(By.cssSelector(".column[data-column='5']")).click();
        WebElement confirm = waiting(5).until(d -> d.findElement(By.id("confirm")));
        assertThat(confirm.getText()).contains("latched stop of column 5 gone", "A reset never moves the shelving");
        shot("13-reset-confirm");
        confirm.findElement(By.cssSelector("button.danger")).click();
        waiting(10).until(d -> !d.findElement(By.cssSelector(".column[data-column='5']")).getAttribute("class").contains("latched"));
        assertThat(browser.findElement(By.id("map-message")).getText()).isEqualTo("Reset asked for column 5");
        waiting(10).until(d -> !d.findElement(By.id("banner")).isDisplayed());

        browser.findElement(By.cssSelector("#tabs button[data-tab=climate]")).click();
        browser.findElement(By.cssSelector("#periods button[data-hours='720']")).click();
        waiting(20).until(d -> d.findElement(By.cssSelector(".zone h4")).getText().equals("Last 30 days")
                && !d.findElements(By.cssSelector(".zone svg.plot")).isEmpty());
        assertThat(browser.findElement(By.cssSelector(".zone .compliance")).getText()).contains("of hours in band this month");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("inspect-item"))).selectByIndex(0);
        browser.findElement(By.id("inspect-note")).sendKeys("灭火器压力正常");
        browser.findElement(By.id("inspect-ok")).click();
        waiting(10).until(d -> d.findElement(By.id("inspect-message")).getText().startsWith("Inspection recorded:"));
        waiting(10).until(d -> d.findElement(By.cssSelector("#protections li small")).getText().contains("wang.fang · All well · 灭火器压力正常"));
        shot("14-climate-month-inspection");
        browser.findElement(By.cssSelector("#periods button[data-hours='24']")).click();

        // A smoke detector: the banner on every screen, the panel sounds until someone acknowledges.
        browser.findElement(By.id("sound")).click();
        assertThat(browser.findElement(By.id("sound")).getText()).isEqualTo("Sound: on");
        long smoke = System.nanoTime();
        room.room.climate().smoke(2, true);
        waiting(10).until(d -> d.findElement(By.id("banner")).getText().startsWith("FIRE · Fire alarm · smoke-s2"));
        System.out.println("smoke detector → fire banner on the panel: " + (System.nanoTime() - smoke) / 1_000_000 + " ms");
        assertThat(browser.findElement(By.tagName("body")).getAttribute("data-alarm-sound")).isEqualTo("on");
        shot("15-fire-banner");
        browser.findElement(By.id("acknowledge")).click();
        waiting(10).until(d -> d.findElement(By.id("banner")).getText().contains("acknowledged by wang.fang"));
        assertThat(browser.findElement(By.tagName("body")).getAttribute("data-alarm-sound")).as("silenced once acknowledged").isEqualTo("off");
        room.room.climate().smoke(2, false);
        ApiBrowser facilities = room.as("wang.fang");
        Await.until("the detector quiet again", 10_000, () -> {
            try {
                return facilities.get("/api/v1/fire").path("fireDetectors").isEmpty();
            } catch (Exception e) {
                return false;
            }
        });
        assertThat(facilities.send("POST", "/api/v1/fire/all-clear", null).statusCode()).isEqualTo(200);
        waiting(10).until(d -> !d.findElement(By.id("banner")).isDisplayed());
        // Locked after the all-clear: facilities staff bring the shelving home from the map.
        browser.findElement(By.cssSelector("#tabs button[data-tab=map]")).click();
        waiting(10).until(d -> d.findElement(By.id("mode")).getText().equals("Locked") && d.findElement(By.id("rehome")).isDisplayed());
        browser.findElement(By.id("rehome")).click();
        waiting(10).until(d -> d.findElement(By.id("map-message")).getText().equals("Re-homing; each range is counted by RFID once it is home"));
        waiting(10).until(d -> d.findElement(By.id("mode")).getText().equals("Normal") && !d.findElement(By.id("rehome")).isDisplayed());
        browser.findElement(By.id("sound")).click();
        logOut();
    }

    /** The admin: users and their roles, a machine token shown once, the audit log and its verification. */
    private void adminManagesUsersAndVerifiesTheAuditLog() throws Exception {
        logIn("admin", ADMIN_PASSWORD);
        browser.findElement(By.cssSelector("#tabs button[data-tab=admin]")).click();
        waiting(10).until(d -> d.findElement(By.cssSelector("#user-list tr[data-user='li.wei']")).getText().contains("archivist"));
        browser.findElement(By.id("new-user")).sendKeys("zhao.lei");
        browser.findElement(By.id("new-password")).sendKeys("storeroom-2026-zl");
        browser.findElement(By.cssSelector("#new-roles input[value=archivist]")).click();
        browser.findElement(By.cssSelector("#user-form button[type=submit]")).click();
        waiting(10).until(d -> d.findElement(By.id("admin-message")).getText().equals("User added: zhao.lei (archivist)"));
        waiting(10).until(d -> !d.findElements(By.cssSelector("#user-list tr[data-user='zhao.lei']")).isEmpty());
        browser.findElement(By.id("token-name")).sendKeys("central-archive");
        browser.findElement(By.cssSelector("#token-form button[type=submit]")).click();
        waiting(10).until(d -> d.findElement(By.id("token-shown")).isDisplayed());
        String token = browser.findElement(By.cssSelector("#token-shown code")).getText();
        assertThat(token).startsWith("srt_");
        // The token works as a machine would use it.
        java.net.http.HttpResponse<String> asMachine = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(base.resolve("/api/v1/ranges")).header("Authorization", "Bearer " + token).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(asMachine.statusCode()).isEqualTo(200);
        waiting(10).until(d -> d.findElements(By.cssSelector("#audit tbody tr")).size() > 10);
        assertThat(browser.findElement(By.id("audit")).getText()).contains("user.create", "token.create", "alarm.acknowledge", "fire.all-clear");
        shot("16-admin");
        // The token revoked and the user removed, each after a second touch.
        WebElement revoke = browser.findElement(By.cssSelector("#token-list tr[data-token='central-archive'] button"));
        revoke.click();
        assertThat(revoke.getText()).isEqualTo("Really revoke");
        revoke.click();
        waiting(10).until(d -> d.findElement(By.id("admin-message")).getText().equals("Token revoked: central-archive"));
        waiting(10).until(d -> d.findElements(By.cssSelector("#token-list tr[data-token='central-archive']")).isEmpty());
        WebElement remove = browser.findElement(By.cssSelector("#user-list tr[data-user='zhao.lei'] button"));
        remove.click();
        remove.click();
        waiting(10).until(d -> d.findElement(By.id("admin-message")).getText().equals("User removed: zhao.lei"));
        waiting(10).until(d -> d.findElements(By.cssSelector("#user-list tr[data-user='zhao.lei']")).isEmpty());
        assertThat(browser.findElements(By.cssSelector("#user-list tr[data-user='admin'] button"))).as("no removing oneself").isEmpty();
        // The room's configuration: a setting changed through the form, checked, kept.
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("config-pid"))).selectByValue("org.storeroom.rfid.warehouse");
        WebElement setting = waiting(10).until(d -> d.findElement(By.cssSelector("#config-fields [data-setting=loanDays]")));
        setting.clear();
        setting.sendKeys("abc");
        browser.findElement(By.id("config-save")).click();
        waiting(10).until(d -> d.findElement(By.id("config-message")).getText().startsWith("setting loanDays"));
        setting = browser.findElement(By.cssSelector("#config-fields [data-setting=loanDays]"));
        setting.clear();
        setting.sendKeys("45");
        browser.findElement(By.id("config-save")).click();
        waiting(10).until(d -> d.findElement(By.id("config-message")).getText().equals("Saved: loanDays: 30 -> 45"));
        waiting(10).until(d -> d.findElement(By.cssSelector("#config-fields [data-setting=loanDays]")).getAttribute("value").equals("45"));
        browser.findElement(By.id("verify")).click();
        waiting(10).until(d -> d.findElement(By.id("verify-result")).getText().startsWith("The log is intact: "));
        shot("17-admin-config");
        logOut();
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

        loansAndInventory();

        // Climate: the zone's reading, its band and a plot of the last 24 hours.
        browser.findElement(By.cssSelector("#tabs button[data-tab=climate]")).click();
        waiting(20).until(d -> d.findElement(By.cssSelector(".zone .reading")).getText().contains("°C"));
        waiting(20).until(d -> !d.findElements(By.cssSelector(".zone svg.plot polyline.line-t")).isEmpty()
                && !d.findElement(By.cssSelector(".zone svg.plot polyline.line-t")).getAttribute("points").isBlank());
        // The zone's fresh-air window in the panel's words, with the outside air from the board on the outside wall.
        waiting(20).until(d -> d.findElement(By.cssSelector(".zone .fresh-air")).getText().contains("室外"));
        assertThat(browser.findElement(By.cssSelector(".zone .fresh-air")).getText()).startsWith("新风时段: 周一至周五 10:00–10:30 (现在");
        List<WebElement> protections = browser.findElements(By.cssSelector("#protections li"));
        assertThat(protections).hasSize(8);
        assertThat(protections.get(0).getText()).startsWith("防火");
        shot("10-climate");

        // English.
        browser.findElement(By.id("lang")).click();
        waiting(5).until(d -> d.findElement(By.tagName("h1")).getText().equals("Smart archive store room"));
        assertThat(browser.findElement(By.cssSelector("#tabs button[data-tab=map]")).getText()).isEqualTo("Room map");
        waiting(10).until(d -> d.findElements(By.cssSelector("#protections li")).get(0).getText().startsWith("fire"));
        waiting(10).until(d -> d.findElement(By.cssSelector(".zone .fresh-air")).getText().startsWith("Fresh-air windows: Mon–Fri 10:00–10:30 ("));
        shot("11-climate-english");
        logOut();

        facilitiesResetAStopAndRecordAnInspection();
        adminManagesUsersAndVerifiesTheAuditLog();

        // A viewer sees the map but may not open an aisle, and is told why.
        logIn("zhang.min");
        assertThat(browser.findElement(By.cssSelector("#tabs button[data-tab=loans]")).isDisplayed()).as("loans are for archivists").isFalse();
        assertThat(browser.findElement(By.cssSelector("#tabs button[data-tab=admin]")).isDisplayed()).as("admin is for admins").isFalse();
        browser.findElement(By.cssSelector("#tabs button[data-tab=inventory]")).click();
        waiting(10).until(d -> !d.findElements(By.cssSelector("#inventory-list tr[data-state=finished]")).isEmpty());
        assertThat(browser.findElement(By.id("inventory-form")).isDisplayed()).as("a viewer sees reports, starts nothing").isFalse();
        browser.findElement(By.cssSelector("#tabs button[data-tab=climate]")).click();
        waiting(10).until(d -> d.findElements(By.cssSelector("#protections li")).size() == 8);
        assertThat(browser.findElement(By.id("inspect-form")).isDisplayed()).as("inspections are for facilities staff").isFalse();
        browser.findElement(By.cssSelector("#tabs button[data-tab=map]")).click();
        waiting(10).until(d -> !d.findElements(By.cssSelector(".aisle[data-aisle='A-3']")).isEmpty());
        browser.findElement(By.cssSelector(".aisle[data-aisle='A-3']")).click();
        waiting(10).until(d -> d.findElement(By.id("map-message")).getText().equals("this needs the archivist or facilities role"));
        assertThat(browser.findElement(By.id("map-message")).getAttribute("class")).contains("bad");
        shot("12-viewer-refused");
        logOut();
        browser.findElement(By.id("lang")).click(); // back to Chinese for whoever comes next
    }
}
