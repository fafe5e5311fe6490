package org.storeroom.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.storeroom.testing.Await;

/** The virtual warehouse through the real gateway's HTTP API, with each role. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WarehouseApiTest {
    private static final String ADMIN_PASSWORD = "warehouse api admin pw";
    private static final String CATALOGUE = "档号,盒EPC,存放位置,件号,题名,证件号码,合同号\n"
            + "0435-DK·2015-Y-00001,E28011600000000000000001,C07-A-B03-L2-S05,DK2015-000001,贷款一,370700198501011234,WF2015000001\n"
            + "0435-DK·2015-Y-00001,E28011600000000000000001,C07-A-B03-L2-S05,DK2015-000002,贷款二,370700198501011234,WF2015000002\n"
            + "0435-DK·2015-Y-00002,E28011600000000000000002,C07-B-B01-L1-S01,DK2015-000003,贷款三,110100197001011111,WF2015000003\n";
    private GatewayRuntime gateway;
    private URI base;
    private ApiBrowser admin;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        System.setProperty("storeroom.admin.password", ADMIN_PASSWORD);
        gateway = TestGateways.start(dir, null, Map.of("org.storeroom.rfid.warehouse",
                Map.of("antennas", new String[] {"door:1=gate-inside", "door:2=gate-outside"})));
        base = gateway.url();
        admin = new ApiBrowser(base);
        assertThat(admin.login("admin", ADMIN_PASSWORD).statusCode()).isEqualTo(200);
        admin.addUsers("storeroom-2026", new String[] {"li.wei", "archivist"}, new String[] {"zhang.min", "viewer"});
        HttpResponse<String> bad = admin.send("POST", "/api/v1/catalogue/checks", CATALOGUE.replace("C07-B-B01", "C99-B-B01"), "text/csv");
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(201);
        assertThat(ApiBrowser.json(bad).path("ok").asBoolean()).isFalse();
        assertThat(ApiBrowser.json(bad).path("problems").get(0).path("message").asText()).contains("column 99 is not in any range");
        assertThat(admin.send("POST", "/api/v1/catalogue/checks/" + ApiBrowser.json(bad).path("id").asLong() + "/apply", "{}")
                .statusCode()).isEqualTo(409);

        HttpResponse<String> good = admin.send("POST", "/api/v1/catalogue/checks", CATALOGUE, "text/csv");
        JsonNode check = ApiBrowser.json(good);
        assertThat(check.path("ok").asBoolean()).as(good.body()).isTrue();
        assertThat(check.path("boxes").asInt()).isEqualTo(2);
        HttpResponse<String> apply = admin.send("POST", "/api/v1/catalogue/checks/" + check.path("id").asLong() + "/apply", "{}");
        assertThat(apply.statusCode()).as(apply.body()).isEqualTo(202);
        Await.until("the catalogue imported", 20_000, () -> {
            try {
                return admin.get("/api/v1/catalogue/checks/" + check.path("id").asLong()).path("state").asText().equals("done");
            } catch (Exception e) {
                return false;
            }
        });
    }

    @AfterAll
    void stop() {
        System.clearProperty("storeroom.admin.password");
        if (gateway != null) {
            gateway.stop();
        }
    }

    private ApiBrowser as(String user) throws Exception {
        return ApiBrowser.loggedIn(base, user, "storeroom-2026");
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void anyoneLoggedInLocatesButOnlyArchivistsSeeAnAccountOrCheckOut() throws Exception {
        ApiBrowser viewer = as("zhang.min");
        JsonNode hits = viewer.get("/api/v1/locate?q=" + q("0435-DK·2015-Y-00001")).path("hits");
        assertThat(hits).hasSize(1);
        assertThat(hits.get(0).path("aisle").asText()).isEqualTo("A-6");
        assertThat(hits.get(0).path("pointLabel").asText()).isEqualTo("07列 A面 03节 2层 05号");
        assertThat(viewer.get("/api/v1/storage").path("boxes").asLong()).isEqualTo(2);

        // The guide light needs the box's column on the bus; this gateway has no shelving nodes.
        HttpResponse<String> guide = viewer.send("POST", "/api/v1/guide", "{\"q\":\"0435-DK·2015-Y-00001\"}");
        assertThat(guide.statusCode()).as(guide.body()).isEqualTo(503);
        assertThat(ApiBrowser.json(guide).path("message").asText()).isEqualTo("第 7 列无法亮灯：column 7 is not on the bus");
        assertThat(viewer.send("POST", "/api/v1/guide", "{\"q\":\"0435-DK·1999-Y-99999\"}").statusCode()).isEqualTo(404);

        HttpResponse<String> account = viewer.send("GET", "/api/v1/accounts/370700198501011234", null);
        assertThat(account.statusCode()).isEqualTo(403);
        assertThat(ApiBrowser.json(account).path("message").asText()).isEqualTo("需要档案员角色");
        assertThat(viewer.send("POST", "/api/v1/loans", "{\"item\":\"file:DK2015-000001\",\"borrower\":\"x\"}").statusCode()).isEqualTo(403);
        assertThat(admin.send("POST", "/api/v1/catalogue/checks", CATALOGUE, "application/json").statusCode()).isEqualTo(415);

        ApiBrowser archivist = as("li.wei");
        assertThat(archivist.get("/api/v1/accounts/370700198501011234").path("files")).hasSize(2);
        HttpResponse<String> out = archivist.send("POST", "/api/v1/loans",
                "{\"item\":\"file:DK2015-000003\",\"borrower\":\"稽核处 王芳\",\"due\":\"2099-12-31\"}");
        assertThat(out.statusCode()).as(out.body()).isEqualTo(201);
        HttpResponse<String> again = archivist.send("POST", "/api/v1/loans", "{\"item\":\"file:DK2015-000003\",\"borrower\":\"x\"}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(ApiBrowser.json(again).path("message").asText()).startsWith("文件 DK2015-000003 已借给 稽核处 王芳（");
        archivist.lang = "en";
        HttpResponse<String> againEn = archivist.send("POST", "/api/v1/loans", "{\"item\":\"file:DK2015-000003\",\"borrower\":\"x\"}");
        assertThat(ApiBrowser.json(againEn).path("message").asText()).contains("already checked out to 稽核处 王芳");
        assertThat(ApiBrowser.json(archivist.send("POST", "/api/v1/loans", "{\"item\":\"file:NOPE\",\"borrower\":\"x\"}"))
                .path("message").asText()).isEqualTo("file NOPE is not in the warehouse");
        archivist.lang = "zh-CN";
        assertThat(ApiBrowser.json(archivist.send("POST", "/api/v1/loans", "{\"item\":\"file:NOPE\",\"borrower\":\"x\"}"))
                .path("message").asText()).isEqualTo("库房中没有文件 NOPE");
        assertThat(archivist.send("POST", "/api/v1/loans", "{\"item\":\"file:NOPE\",\"borrower\":\"x\"}").statusCode()).isEqualTo(404);
        assertThat(archivist.send("POST", "/api/v1/loans", "{\"item\":\"file:DK2015-000001\",\"borrower\":\"x\",\"due\":\"soon\"}")
                .statusCode()).isEqualTo(400);
        assertThat(archivist.get("/api/v1/loans").path("loans")).hasSize(1);
        assertThat(archivist.send("POST", "/api/v1/loans/return", "{\"item\":\"file:DK2015-000003\"}").statusCode()).isEqualTo(200);
        // A file's whereabouts include its box's (the other test's inventory may have marked the box missing).
        java.util.List<String> steps = new java.util.ArrayList<>();
        archivist.get("/api/v1/whereabouts?item=" + q("file:DK2015-000003")).path("trail").forEach(t -> {
            if (t.path("item").asText().equals("file:DK2015-000003")) {
                steps.add(t.path("what").asText() + " " + t.path("actor").asText() + " " + t.path("note").asText());
            }
        });
        assertThat(steps).containsExactly("check-out user:li.wei to 稽核处 王芳", "return user:li.wei from 稽核处 王芳");
    }

    private static String impinj(int port, String epc, String time) {
        return "{\"timestamp\":\"" + time + "\",\"hostname\":\"door\",\"eventType\":\"tagInventory\",\"tagInventoryEvent\":"
                + "{\"epcHex\":\"" + epc + "\",\"antennaPort\":" + port + ",\"peakRssiCdbm\":-5200}}";
    }

    @Test
    void aReaderPostsTagEventsAndABoxLeavingWithoutALoanRaisesTheAlarm() throws Exception {
        ApiBrowser archivist = as("li.wei");
        String events = impinj(1, "E28011600000000000000002", "2026-11-23T08:00:00.000Z") + "\n"
                + "{\"tagInventoryEvent\":{\"epcHex\":\"XYZ\"}}\n"
                + impinj(2, "E28011600000000000000002", "2026-11-23T08:00:01.200Z") + "\n";
        HttpResponse<String> r = archivist.send("POST", "/api/v1/rfid/events", events, "application/json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode out = ApiBrowser.json(r);
        assertThat(out.path("reads").asInt()).isEqualTo(2);
        assertThat(out.path("rejectedCount").asInt()).isEqualTo(1);
        assertThat(out.path("passages").get(0).path("item").asText()).isEqualTo("box:0435-DK·2015-Y-00002");
        assertThat(out.path("passages").get(0).path("alarm").asBoolean()).isTrue();
        assertThat(as("zhang.min").send("POST", "/api/v1/rfid/events", events, "application/json").statusCode()).isEqualTo(403);
    }

    @Test
    void anInventoryRunsFromStartToAnExportedReport() throws Exception {
        ApiBrowser archivist = as("li.wei");
        HttpResponse<String> started = archivist.send("POST", "/api/v1/inventory", "{\"columns\":[7]}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        long id = ApiBrowser.json(started).path("id").asLong();
        assertThat(ApiBrowser.json(started).path("expected").asInt()).isEqualTo(2);
        assertThat(archivist.send("POST", "/api/v1/inventory/reads", "{\"column\":7,\"epcs\":[\"E28011600000000000000001\",\"ABCD\"]}")
                .statusCode()).isEqualTo(200);
        assertThat(archivist.send("POST", "/api/v1/inventory/reads", "{\"column\":8,\"epcs\":[\"E28011600000000000000002\"]}")
                .statusCode()).isEqualTo(409);
        assertThat(archivist.send("POST", "/api/v1/inventory/reads", "{\"column\":7,\"epcs\":[\"XYZ\"]}").statusCode()).isEqualTo(400);
        JsonNode progress = archivist.get("/api/v1/inventory/" + id);
        assertThat(progress.path("read").asInt()).isEqualTo(2);
        assertThat(progress.path("found").asInt()).isEqualTo(1);
        JsonNode report = ApiBrowser.json(archivist.send("POST", "/api/v1/inventory/" + id + "/finish", "{}"));
        assertThat(report.path("missing").get(0).path("archiveNo").asText()).isEqualTo("0435-DK·2015-Y-00002");
        assertThat(report.path("unexpected").get(0).asText()).isEqualTo("ABCD");

        HttpResponse<String> csv = as("zhang.min").send("GET", "/api/v1/inventory/" + id + "/report?format=csv", null);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains("inventory-" + id + ".csv");
        assertThat(csv.body().lines()).contains("missing,0435-DK·2015-Y-00002,E28011600000000000000002,C07-B-B01-L1-S01,,false",
                "found,0435-DK·2015-Y-00001,,,,false", "unexpected,,ABCD,,,");
    }
}
