package org.storeroom.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON API in the real framework and HTTP server: every route needs a login and a role, browsers
 * need the CSRF token, machines use bearer tokens, repeated failures lock a user, and the answers are
 * {@code {error, message}} with the right status.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiSecurityTest {
    private static final String ADMIN_PASSWORD = "correct horse battery";
    private GatewayRuntime gateway;
    private URI base;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        System.setProperty("storeroom.admin.password", ADMIN_PASSWORD);
        gateway = TestGateways.start(dir, null, Map.of());
        base = gateway.url();
    }

    @AfterAll
    void stop() {
        System.clearProperty("storeroom.admin.password");
        if (gateway != null) {
            gateway.stop();
        }
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return ApiBrowser.json(r);
    }

    @Test
    void everyRouteInTheTableNeedsALogin() throws Exception {
        ApiBrowser admin = new ApiBrowser(base);
        assertThat(admin.login("admin", ADMIN_PASSWORD).statusCode()).isEqualTo(200);
        JsonNode paths = json(admin.send("GET", "/api/v1/openapi.json", null)).get("paths");
        assertThat(paths.size()).isGreaterThanOrEqualTo(6);
        ApiBrowser stranger = new ApiBrowser(base);
        int checked = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = p.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String role = op.getValue().get("x-role").asText();
                assertThat(role).as(op.getKey() + " " + p.getKey() + " has a role").isNotEmpty();
                if (role.equals("none")) {
                    continue; // logging in and out, and health
                }
                String path = p.getKey().replaceAll("\\{[a-zA-Z]+}", "x");
                HttpResponse<String> r = stranger.send(op.getKey().toUpperCase(), path, op.getKey().equals("get") ? null : "{}");
                assertThat(r.statusCode()).as(op.getKey() + " " + path + " without login").isEqualTo(401);
                assertThat(json(r).get("error").asText()).isEqualTo("unauthenticated");
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(6);
    }

    /**
     * Every route with every role: refused with 403 naming the role when the role is not among those the
     * route names (an admin has all), and never refused for its role when it is.
     */
    @Test
    void everyRouteAnswersEachRoleAsItsTableSays() throws Exception {
        ApiBrowser admin = new ApiBrowser(base);
        assertThat(admin.login("admin", ADMIN_PASSWORD).statusCode()).isEqualTo(200);
        Map<String, ApiBrowser> as = new java.util.LinkedHashMap<>();
        for (String role : new String[] {"viewer", "archivist", "facilities"}) {
            String user = "role." + role;
            admin.addUsers("route-table-2026", new String[] {user, role});
            as.put(role, ApiBrowser.loggedIn(base, user, "route-table-2026"));
        }
        as.put("admin", admin);
        JsonNode paths = json(admin.send("GET", "/api/v1/openapi.json", null)).get("paths");
        int refused = 0;
        int allowed = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = p.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                java.util.List<String> roles = java.util.List.of(op.getValue().get("x-role").asText().split("\\|"));
                if (roles.contains("none")) {
                    continue;
                }
                String method = op.getKey().toUpperCase(java.util.Locale.ROOT);
                String path = p.getKey().replaceAll("\\{[a-zA-Z]+}", "x");
                for (Map.Entry<String, ApiBrowser> who : as.entrySet()) {
                    // Every user is a viewer too; an admin is everything.
                    boolean may = who.getKey().equals("admin") || roles.contains(who.getKey()) || roles.contains("viewer");
                    String what = method + " " + path + " as " + who.getKey();
                    int status;
                    String error;
                    if (path.endsWith("/live") && may) {
                        try (LiveEvents live = who.getValue().live(path)) {
                            status = live.status;
                            error = "";
                        }
                    } else {
                        HttpResponse<String> r = who.getValue().send(method, path, method.equals("GET") ? null : "{}");
                        status = r.statusCode();
                        error = r.body().startsWith("{") ? json(r).path("error").asText() : "";
                    }
                    if (may) {
                        assertThat(status == 403 && error.equals("forbidden")).as(what + " is allowed").isFalse();
                        allowed++;
                    } else {
                        assertThat(status).as(what + " is refused").isEqualTo(403);
                        assertThat(error).as(what).isEqualTo("forbidden");
                        refused++;
                    }
                }
            }
        }
        assertThat(refused).as("refusals checked").isGreaterThan(30);
        assertThat(allowed).as("permissions checked").isGreaterThan(60);
    }

    @Test
    void adminsChangeAndRemoveUsersAndRevokeTokensWhichEndsTheirAccess() throws Exception {
        ApiBrowser admin = new ApiBrowser(base);
        assertThat(admin.login("admin", ADMIN_PASSWORD).statusCode()).isEqualTo(200);
        admin.addUsers("first-pass-2026", new String[] {"sun.li", "archivist"});
        ApiBrowser sun = ApiBrowser.loggedIn(base, "sun.li", "first-pass-2026");

        HttpResponse<String> changed = admin.send("PUT", "/api/v1/users/sun.li", "{\"roles\":[\"facilities\"]}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(sun.send("GET", "/api/v1/session", null).statusCode()).as("a changed user logs in again").isEqualTo(401);
        sun = ApiBrowser.loggedIn(base, "sun.li", "first-pass-2026");
        assertThat(sun.get("/api/v1/session").get("roles").toString()).isEqualTo("[\"facilities\",\"viewer\"]");

        assertThat(admin.send("PUT", "/api/v1/users/sun.li", "{\"password\":\"second-pass-2026\"}").statusCode()).isEqualTo(200);
        assertThat(new ApiBrowser(base).login("sun.li", "first-pass-2026").statusCode()).isEqualTo(401);
        assertThat(new ApiBrowser(base).login("sun.li", "second-pass-2026").statusCode()).isEqualTo(200);
        assertThat(json(admin.send("PUT", "/api/v1/users/sun.li", "{\"password\":\"short\"}")).get("message").asText())
                .isEqualTo("密码须为10到256个字符");

        HttpResponse<String> lastAdmin = admin.send("PUT", "/api/v1/users/admin", "{\"roles\":[\"viewer\"]}");
        assertThat(lastAdmin.statusCode()).isEqualTo(409);
        assertThat(json(lastAdmin).get("message").asText()).isEqualTo("admin 是最后一个管理员：请先让另一个用户成为管理员");
        assertThat(admin.send("DELETE", "/api/v1/users/admin", null).statusCode()).as("not yourself").isEqualTo(409);
        HttpResponse<String> nobody = admin.send("DELETE", "/api/v1/users/nobody", null);
        assertThat(nobody.statusCode()).isEqualTo(404);
        assertThat(json(nobody).get("message").asText()).isEqualTo("没有用户 nobody");
        assertThat(admin.send("DELETE", "/api/v1/users/sun.li", null).statusCode()).isEqualTo(200);
        assertThat(sun.send("GET", "/api/v1/session", null).statusCode()).as("a removed user's session ends").isEqualTo(401);
        assertThat(new ApiBrowser(base).login("sun.li", "second-pass-2026").statusCode()).isEqualTo(401);

        String token = json(admin.send("POST", "/api/v1/tokens", "{\"name\":\"revoked-one\",\"roles\":[\"viewer\"]}")).get("token").asText();
        JsonNode tokens = admin.get("/api/v1/tokens").get("tokens");
        assertThat(tokens.findValuesAsText("name")).contains("revoked-one");
        assertThat(tokens.toString()).doesNotContain(token);
        HttpClient machine = HttpClient.newHttpClient();
        HttpRequest asMachine = HttpRequest.newBuilder(base.resolve("/api/v1/index")).header("Authorization", "Bearer " + token).build();
        assertThat(machine.send(asMachine, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(admin.send("DELETE", "/api/v1/tokens/revoked-one", null).statusCode()).isEqualTo(200);
        assertThat(machine.send(asMachine, HttpResponse.BodyHandlers.ofString()).statusCode()).as("revoked at once").isEqualTo(401);
        assertThat(admin.send("DELETE", "/api/v1/tokens/revoked-one", null).statusCode()).isEqualTo(404);

        assertThat(admin.get("/api/v1/audit?limit=50").get("entries").findValuesAsText("action"))
                .contains("user.update", "user.remove", "token.remove");
    }

    @Test
    void rolesCsrfTokensAndLockout() throws Exception {
        ApiBrowser admin = new ApiBrowser(base);
        assertThat(admin.login("admin", "wrong password!").statusCode()).isEqualTo(401);
        assertThat(admin.login("admin", ADMIN_PASSWORD).statusCode()).isEqualTo(200);

        String csrf = admin.csrf;
        admin.csrf = "";
        HttpResponse<String> noCsrf = admin.send("POST", "/api/v1/users",
                "{\"username\":\"li.wei\",\"password\":\"archives-2026\",\"roles\":[\"archivist\"]}");
        assertThat(noCsrf.statusCode()).isEqualTo(403);
        assertThat(json(noCsrf).get("error").asText()).isEqualTo("csrf");
        admin.csrf = csrf;
        assertThat(admin.send("POST", "/api/v1/users",
                "{\"username\":\"li.wei\",\"password\":\"archives-2026\",\"roles\":[\"archivist\"]}").statusCode()).isEqualTo(201);
        HttpResponse<String> twice = admin.send("POST", "/api/v1/users",
                "{\"username\":\"li.wei\",\"password\":\"archives-2026\",\"roles\":[\"archivist\"]}");
        assertThat(twice.statusCode()).isEqualTo(409);
        HttpResponse<String> badRole = admin.send("POST", "/api/v1/users",
                "{\"username\":\"zhao\",\"password\":\"archives-2026\",\"roles\":[\"janitor\"]}");
        assertThat(badRole.statusCode()).isEqualTo(400);
        assertThat(json(badRole).get("message").asText()).isEqualTo("角色 'janitor' 不是查看者（viewer）、档案员（archivist）、设施管理员（facilities）或管理员（admin）");
        HttpResponse<String> badJson = admin.send("POST", "/api/v1/users", "{\"username\":");
        assertThat(badJson.statusCode()).isEqualTo(400);
        assertThat(json(badJson).get("message").asText()).startsWith("body is not JSON");

        ApiBrowser archivist = new ApiBrowser(base);
        assertThat(archivist.login("li.wei", "archives-2026").statusCode()).isEqualTo(200);
        HttpResponse<String> forbidden = archivist.send("GET", "/api/v1/audit", null);
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(json(forbidden).get("message").asText()).isEqualTo("需要管理员角色");
        archivist.lang = "en";
        assertThat(json(archivist.send("GET", "/api/v1/audit", null)).get("message").asText()).isEqualTo("this needs the admin role");
        archivist.lang = "zh-CN";
        JsonNode index = json(archivist.send("GET", "/api/v1/index", null));
        assertThat(index.get("hash").asText()).hasSize(64);
        HttpResponse<String> nowhere = archivist.send("GET", "/api/v1/nowhere", null);
        assertThat(nowhere.statusCode()).isEqualTo(404);
        assertThat(json(nowhere).get("error").asText()).isEqualTo("not_found");
        assertThat(json(nowhere).get("message").asText()).isEqualTo("API route /nowhere does not exist");
        assertThat(archivist.send("DELETE", "/api/v1/session", null).statusCode()).isEqualTo(200);
        assertThat(archivist.send("GET", "/api/v1/index", null).statusCode()).as("logged out").isEqualTo(401);

        // A machine client with a bearer token: no cookie, no CSRF, only its roles.
        String token = json(admin.send("POST", "/api/v1/tokens", "{\"name\":\"central\",\"roles\":[\"viewer\"]}")).get("token").asText();
        HttpClient machine = HttpClient.newHttpClient();
        HttpResponse<String> withToken = machine.send(HttpRequest.newBuilder(base.resolve("/api/v1/index"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(withToken.statusCode()).isEqualTo(200);
        HttpResponse<String> tokenTooWeak = machine.send(HttpRequest.newBuilder(base.resolve("/api/v1/audit"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tokenTooWeak.statusCode()).isEqualTo(403);
        HttpResponse<String> badToken = machine.send(HttpRequest.newBuilder(base.resolve("/api/v1/index"))
                .header("Authorization", "Bearer srt_nonsense").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(badToken.statusCode()).isEqualTo(401);

        // Five wrong passwords lock the name, even against the right one.
        ApiBrowser guesser = new ApiBrowser(base);
        for (int i = 0; i < 5; i++) {
            guesser.login("li.wei", "guess-" + i + "-xxxxxx");
        }
        HttpResponse<String> locked = guesser.login("li.wei", "archives-2026");
        assertThat(locked.statusCode()).isEqualTo(403);
        assertThat(json(locked).get("message").asText()).startsWith("登录失败次数过多：用户 li.wei 已锁定至 ");
        guesser.lang = "en";
        assertThat(json(guesser.login("li.wei", "archives-2026")).get("message").asText())
                .startsWith("too many failed logins: user li.wei is locked until ");

        // Everything above is in the audit log, and the chain holds.
        JsonNode verify = json(admin.send("GET", "/api/v1/audit/verify", null));
        assertThat(verify.get("intact").asBoolean()).isTrue();
        JsonNode recent = json(admin.send("GET", "/api/v1/audit?limit=50", null)).get("entries");
        assertThat(recent.findValuesAsText("action")).contains("user.create", "user.login", "token.create");
        assertThat(recent.toString()).doesNotContain("archives-2026").doesNotContain(ADMIN_PASSWORD);
        assertThat(admin.send("GET", "/api/v1/audit?limit=0", null).statusCode()).isEqualTo(400);
    }
}
