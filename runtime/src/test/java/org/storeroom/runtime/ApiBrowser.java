package org.storeroom.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A browser on the JSON API, as the panel uses it: its own cookies, the CSRF token from its login, a language. */
final class ApiBrowser {
    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    private final URI base;
    String csrf = "";
    String lang = "zh-CN";

    ApiBrowser(URI base) {
        this.base = base;
    }

    HttpResponse<String> send(String method, String path, String body) throws Exception {
        return send(method, path, body, "application/json");
    }

    HttpResponse<String> send(String method, String path, String body, String contentType) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", contentType).header("Accept-Language", lang);
        if (!csrf.isEmpty()) {
            b.header("X-CSRF-Token", csrf);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> login(String user, String password) throws Exception {
        HttpResponse<String> r = send("POST", "/api/v1/session", JSON.writeValueAsString(Map.of("username", user, "password", password)));
        if (r.statusCode() == 200) {
            csrf = JSON.readTree(r.body()).get("csrf").asText();
        }
        return r;
    }

    /** Adds users with one role each and the same password; this browser is logged in as an admin. */
    void addUsers(String password, String[]... nameAndRole) throws Exception {
        for (String[] u : nameAndRole) {
            HttpResponse<String> r = send("POST", "/api/v1/users", JSON.writeValueAsString(
                    Map.of("username", u[0], "password", password, "roles", java.util.List.of(u[1]))));
            if (r.statusCode() != 201) {
                throw new AssertionError("adding user " + u[0] + " answered " + r.statusCode() + ": " + r.body());
            }
        }
    }

    /** A browser logged in as {@code user}. */
    static ApiBrowser loggedIn(URI base, String user, String password) throws Exception {
        ApiBrowser b = new ApiBrowser(base);
        HttpResponse<String> r = b.login(user, password);
        if (r.statusCode() != 200) {
            throw new AssertionError("logging in as " + user + " answered " + r.statusCode() + ": " + r.body());
        }
        return b;
    }

    /** Opens a live view as the panel's EventSource does (GET, this browser's cookie, no CSRF token). */
    LiveEvents live(String path) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(base.resolve(path)).header("Accept", "text/event-stream").GET().build();
        return new LiveEvents(http.send(r, HttpResponse.BodyHandlers.ofLines()));
    }

    JsonNode get(String path) throws Exception {
        HttpResponse<String> r = send("GET", path, null);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }
}
