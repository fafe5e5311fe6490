package org.storeroom.gateway.internal.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.servlet.Servlet;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.kura.configuration.ConfigurableComponent;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletAsyncSupported;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.storeroom.gateway.api.ApiException;
import org.storeroom.gateway.api.ApiRequest;
import org.storeroom.gateway.api.ApiResponse;
import org.storeroom.gateway.api.ApiRoute;
import org.storeroom.gateway.api.ApiRoutes;
import org.storeroom.gateway.api.AuditLog;
import org.storeroom.gateway.api.Bilingual;
import org.storeroom.gateway.api.Role;
import org.storeroom.gateway.api.Store;
import org.storeroom.gateway.api.StoreException;

/**
 * The JSON API under {@code /api/v1}: logs people in, authenticates every request (session cookie with a
 * CSRF token for browsers, bearer tokens for machines), checks the route's role, and hands the request to
 * the subsystem that registered the route. Every route carries a role: a route without one cannot exist.
 * Errors are {@code {error, message}}; 403 names the role that is missing. A route may answer with a
 * live view, which stays open as server-sent events ({@link LiveStreams}).
 */
@Component(name = ApiServlet.PID, service = {Servlet.class, ConfigurableComponent.class},
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@HttpWhiteboardServletPattern("/api/v1/*")
@HttpWhiteboardServletAsyncSupported // live views stream as server-sent events
@Designate(ocd = AuthConfig.class)
public final class ApiServlet extends HttpServlet implements ConfigurableComponent {
    static final String PID = "org.storeroom.gateway.auth";
    static final String COOKIE = "storeroom_session";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ApiServlet.class);
    private static final int MAX_BODY = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final transient Store store;
    private final transient AuditLog audit;
    private final transient Accounts accounts;
    private final transient Sessions sessions;
    private final transient Clock clock = Clock.systemUTC();
    private final transient List<ApiRoute> own;
    /** Wall screen, a few staff PCs, each with a map and an alarm banner: 32 streams is ample. */
    private final transient LiveStreams live = new LiveStreams(32);

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private volatile List<ApiRoutes> contributed;

    @Activate
    public ApiServlet(@Reference Store store, @Reference AuditLog audit, AuthConfig config, BundleContext context)
            throws StoreException {
        this.store = store;
        this.audit = audit;
        this.accounts = new Accounts(config.maxFailures(), Duration.ofMinutes(config.lockoutMinutes()));
        this.sessions = new Sessions(Duration.ofMinutes(config.idleMinutes()));
        store.migrate("auth", Accounts.SCHEMA);
        firstAdmin(adminPasswordFromEnvironment(context));
        own = List.of(
                new ApiRoute("GET", "/session", Role.VIEWER, "who is logged in", r -> ApiResponse.ok(me(r))),
                new ApiRoute("GET", "/users", Role.ADMIN, "users and their roles", this::users),
                new ApiRoute("POST", "/users", Role.ADMIN, "add a user {username, password, roles}", this::addUser),
                new ApiRoute("PUT", "/users/{username}", Role.ADMIN, "change a user's roles and/or password {roles, password};"
                        + " their sessions end", this::updateUser),
                new ApiRoute("DELETE", "/users/{username}", Role.ADMIN, "remove a user (not yourself, not the last admin); their sessions end",
                        this::removeUser),
                new ApiRoute("GET", "/tokens", Role.ADMIN, "machine tokens: name, roles, created (never the token)", this::tokens),
                new ApiRoute("POST", "/tokens", Role.ADMIN, "a bearer token for a machine client {name, roles}; shown once",
                        this::addToken),
                new ApiRoute("DELETE", "/tokens/{name}", Role.ADMIN, "revoke a machine token; it stops working at once", this::removeToken),
                new ApiRoute("GET", "/openapi.json", Role.VIEWER, "this description", r -> ApiResponse.ok(openApi())));
    }

    private static String adminPasswordFromEnvironment(BundleContext context) {
        String env = System.getenv("STOREROOM_ADMIN_PASSWORD");
        if (env != null && !env.isEmpty()) {
            return env;
        }
        // The standalone launcher hands the variable over as a framework property.
        return context == null ? null : context.getProperty("storeroom.admin.password");
    }

    /** No users yet: an 'admin' with the given password, or a generated one printed once on the console. */
    private void firstAdmin(String password) throws StoreException {
        boolean generated = password == null || password.isEmpty();
        String pw = generated ? Accounts.generatePassword() : password;
        boolean created = store.write(c -> {
            if (accounts.users(c) > 0) {
                return false;
            }
            accounts.create(c, "admin", pw, EnumSet.of(Role.ADMIN), clock.instant());
            audit.append(c, "system", "user.create", "user admin", Map.of("roles", "admin", "password",
                    generated ? "generated" : "from STOREROOM_ADMIN_PASSWORD"));
            return true;
        });
        if (created && generated) {
            // Printed, never logged: logs are copied around, the console of the first start is not.
            System.out.println("initial admin password (shown once, change it): " + pw);
            LOG.warn("no users existed: created user 'admin' with a generated password, printed once on the console");
        } else if (created) {
            LOG.info("no users existed: created user 'admin' with the password from STOREROOM_ADMIN_PASSWORD");
        }
    }

    private List<ApiRoute> routes() {
        List<ApiRoute> all = new ArrayList<>(own);
        List<ApiRoutes> c = contributed;
        if (c != null) {
            for (ApiRoutes r : c) {
                all.addAll(r.routes());
            }
        }
        return all;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
        String method = req.getMethod();
        try {
            if (path.equals("/session") && method.equals("POST")) {
                login(req, resp);
                return;
            }
            Optional<Auth> who = authenticate(req);
            if (path.equals("/session") && method.equals("DELETE")) {
                who.ifPresent(a -> a.session().ifPresent(s -> {
                    sessions.end(s.id);
                    live.end(s.id);
                }));
                expireCookie(resp);
                write(resp, 200, Map.of("loggedOut", true));
                return;
            }
            if (who.isEmpty()) {
                throw new ApiException(401, "unauthenticated", "log in first (POST /api/v1/session) or send a bearer token",
                        "请先登录（POST /api/v1/session），或提供令牌");
            }
            Auth auth = who.get();
            Match m = match(method, path);
            if (m.route.roles().stream().noneMatch(auth.account().roles()::contains) && !auth.account().roles().contains(Role.ADMIN)) {
                throw new ApiException(403, "forbidden", needsRole(m.route, lang(req)));
            }
            if (!method.equals("GET") && auth.session().isPresent()
                    && !auth.session().get().csrf.equals(req.getHeader(CSRF_HEADER))) {
                throw new ApiException(403, "csrf", "the " + CSRF_HEADER + " header is missing or wrong; reload the panel",
                        "页面已过期，请刷新面板");
            }
            ApiRequest request;
            if (m.route.upload() == null) {
                request = new ApiRequest(auth.account().name(), auth.account().roles(), m.params, query(req),
                        body(req), lang(req));
            } else {
                String type = req.getContentType() == null ? "" : req.getContentType().split(";")[0].trim();
                if (!type.equalsIgnoreCase(m.route.upload())) {
                    throw new ApiException(415, "unsupported_media_type", "this route takes " + m.route.upload()
                            + ", not '" + type + "'");
                }
                request = new ApiRequest(auth.account().name(), auth.account().roles(), m.params, query(req),
                        Map.of(), lang(req), req.getInputStream());
            }
            ApiResponse out = m.route.handler().handle(request);
            if (out.body() instanceof ApiResponse.Download d) {
                resp.setStatus(out.status());
                resp.setContentType(d.mediaType());
                resp.setHeader("Content-Disposition", "attachment; filename=\"" + d.fileName() + "\"");
                resp.setHeader("Cache-Control", "no-store");
                resp.getOutputStream().write(d.content());
                return;
            }
            if (out.body() instanceof ApiResponse.Live l) {
                live.start(req, resp, l, auth.session().map(s -> s.id).orElse(null), stillLoggedIn(auth, req));
                return;
            }
            if (path.equals("/session") && auth.session().isPresent() && out.body() instanceof Map<?, ?> me) {
                // A reloaded panel learns its session's CSRF token again (same origin only: SameSite cookie, no CORS).
                Map<Object, Object> withToken = new LinkedHashMap<>(me);
                withToken.put("csrf", auth.session().get().csrf);
                withToken.put("idleTimeoutSeconds", sessions.idleSeconds());
                write(resp, out.status(), withToken);
                return;
            }
            write(resp, out.status(), out.body());
        } catch (ApiException e) {
            write(resp, e.status(), Map.of("error", e.error(), "message", Bilingual.message(e, lang(req))));
        } catch (IllegalArgumentException e) {
            write(resp, 400, Map.of("error", "bad_request", "message", Bilingual.message(e, lang(req))));
        } catch (StoreException | RuntimeException e) {
            LOG.error("API {} {} failed", method, path, e);
            write(resp, 500, Map.of("error", "internal", "message", "the gateway could not do this; see its log"));
        }
    }

    private record Auth(Accounts.Account account, Optional<Sessions.Session> session) { }

    /** For a live stream: the session has not ended or idled out, or the bearer token is still valid. */
    private java.util.function.BooleanSupplier stillLoggedIn(Auth auth, HttpServletRequest req) {
        if (auth.session().isPresent()) {
            String id = auth.session().get().id;
            return () -> sessions.alive(id, clock.millis());
        }
        String token = req.getHeader("Authorization").substring(7).trim();
        return () -> {
            try {
                return store.read(c -> accounts.token(c, token)).isPresent();
            } catch (StoreException e) {
                return true; // the store is busy or failing: the stream's own errors will show it
            }
        };
    }

    @Deactivate
    void deactivate() {
        live.close();
    }

    private record Match(ApiRoute route, Map<String, String> params) { }

    private Optional<Auth> authenticate(HttpServletRequest req) throws StoreException {
        String header = req.getHeader("Authorization");
        if (header != null && header.startsWith("Bearer ")) {
            String token = header.substring(7).trim();
            return store.read(c -> accounts.token(c, token)).map(a -> new Auth(a, Optional.empty()));
        }
        Cookie[] cookies = req.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (COOKIE.equals(c.getName())) {
                    return sessions.find(c.getValue(), clock.millis()).map(s -> new Auth(s.account, Optional.of(s)));
                }
            }
        }
        return Optional.empty();
    }

    private Match match(String method, String path) throws ApiException {
        boolean pathKnown = false;
        for (ApiRoute r : routes()) {
            Matcher m = template(r.path()).matcher(path);
            if (!m.matches()) {
                continue;
            }
            pathKnown = true;
            if (r.method().equals(method)) {
                Map<String, String> params = new LinkedHashMap<>();
                Matcher names = PARAM.matcher(r.path());
                int g = 1;
                while (names.find()) {
                    params.put(names.group(1), m.group(g++));
                }
                return new Match(r, params);
            }
        }
        if (pathKnown) {
            throw new ApiException(405, "method_not_allowed", method + " is not offered on " + path);
        }
        throw ApiException.notFound("API route " + path);
    }

    private static final Pattern PARAM = Pattern.compile("\\{([a-zA-Z]+)}");
    /** Route templates as patterns, compiled once each. */
    private static final Map<String, Pattern> TEMPLATES = new java.util.concurrent.ConcurrentHashMap<>();

    private static Pattern template(String path) {
        return TEMPLATES.computeIfAbsent(path,
                p -> Pattern.compile(Pattern.quote(p).replaceAll("\\{[a-zA-Z]+}", "\\\\E([^/]+)\\\\Q")));
    }

    private void login(HttpServletRequest req, HttpServletResponse resp) throws IOException, StoreException, ApiException {
        Map<String, Object> b = body(req);
        Object u = b.get("username");
        Object p = b.get("password");
        if (!(u instanceof String username) || !(p instanceof String password)) {
            throw ApiException.badRequest("username and password", "must both be given as text");
        }
        Instant now = clock.instant();
        Accounts.Login result = store.write(c -> {
            Accounts.Login r = accounts.login(c, username, password, now);
            String outcome = r instanceof Accounts.Login.Ok ? "ok" : r instanceof Accounts.Login.Locked ? "locked" : "wrong";
            audit.append(c, "user:" + (username.isBlank() || username.length() > 64 ? "?" : username), "user.login",
                    "panel", Map.of("outcome", outcome, "from", String.valueOf(req.getRemoteAddr())));
            return r;
        });
        if (result instanceof Accounts.Login.Locked l) {
            throw new ApiException(403, "locked", "too many failed logins: user " + username + " is locked until " + l.until(),
                    "登录失败次数过多：用户 " + username + " 已锁定至 " + l.until());
        }
        if (!(result instanceof Accounts.Login.Ok ok)) {
            throw new ApiException(401, "unauthenticated", "wrong user name or password", "用户名或密码错误");
        }
        Sessions.Session s = sessions.create(ok.account(), clock.millis());
        resp.setHeader("Set-Cookie", COOKIE + "=" + s.id + "; Path=/; HttpOnly; SameSite=Strict" + (req.isSecure() ? "; Secure" : ""));
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("username", ok.account().name());
        me.put("roles", roleIds(ok.account().roles()));
        me.put("csrf", s.csrf);
        me.put("idleTimeoutSeconds", sessions.idleSeconds());
        write(resp, 200, me);
    }

    private static void expireCookie(HttpServletResponse resp) {
        resp.setHeader("Set-Cookie", COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
    }

    private static List<String> roleIds(Set<Role> roles) {
        return roles.stream().map(Role::id).sorted().toList();
    }

    private static Map<String, Object> me(ApiRequest r) {
        return Map.of("username", r.user(), "roles", roleIds(r.roles()));
    }

    private ApiResponse users(ApiRequest r) throws ApiException {
        try {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Accounts.Account a : store.read(accounts::list)) {
                out.add(Map.of("username", a.name(), "roles", roleIds(a.roles())));
            }
            return ApiResponse.ok(Map.of("users", out));
        } catch (StoreException e) {
            throw new ApiException(500, "internal", "users cannot be read: " + e.getMessage());
        }
    }

    private static Set<Role> rolesArg(Object v) {
        if (!(v instanceof List<?> list) || list.isEmpty()) {
            throw new Bilingual.BadInput("roles must be a list such as [\"archivist\"]", "请至少选择一个角色");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Object o : list) {
            roles.add(Role.of(String.valueOf(o)));
        }
        return roles;
    }

    private ApiResponse addUser(ApiRequest r) throws ApiException {
        Object username = r.body().get("username");
        Object password = r.body().get("password");
        if (!(username instanceof String u)) {
            throw ApiException.badRequest("username", "is missing", "请填写用户名");
        }
        if (!(password instanceof String p)) {
            throw ApiException.badRequest("password", "is missing", "请填写密码");
        }
        Set<Role> roles = rolesArg(r.body().get("roles"));
        try {
            store.write(c -> {
                accounts.create(c, u, p, roles, clock.instant());
                audit.append(c, r.actor(), "user.create", "user " + u, Map.of("roles", Accounts.roles(roles)));
                return null;
            });
        } catch (StoreException e) {
            if (e.getCause() instanceof IllegalArgumentException || e.getCause() instanceof IllegalStateException) {
                throw ApiException.of((RuntimeException) e.getCause());
            }
            throw new ApiException(500, "internal", "the user cannot be stored: " + e.getMessage());
        }
        return new ApiResponse(201, Map.of("username", u, "roles", roleIds(Accounts.roles(Accounts.roles(roles)))));
    }

    private ApiResponse updateUser(ApiRequest r) throws ApiException {
        String u = r.params().get("username");
        Set<Role> roles = r.body().containsKey("roles") ? rolesArg(r.body().get("roles")) : null;
        Object p = r.body().get("password");
        if (p != null && !(p instanceof String)) {
            throw ApiException.badRequest("password", "must be text", "密码必须是文字");
        }
        String password = (String) p;
        if (roles == null && password == null) {
            throw ApiException.badRequest("roles or password", "is missing: nothing to change", "没有要修改的内容");
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        if (roles != null) {
            detail.put("roles", Accounts.roles(roles));
        }
        if (password != null) {
            detail.put("password", "changed");
        }
        onAccounts(() -> store.write(c -> {
            accounts.update(c, u, roles, password);
            audit.append(c, r.actor(), "user.update", "user " + u, detail);
            return null;
        }));
        endSessionsOf(u);
        return ApiResponse.ok(Map.of("username", u, "changed", detail.keySet()));
    }

    private ApiResponse removeUser(ApiRequest r) throws ApiException {
        String u = r.params().get("username");
        if (r.actor().equals("user:" + u)) {
            throw ApiException.refused("you cannot remove yourself; another admin can", "不能删除自己；请由另一位管理员删除");
        }
        onAccounts(() -> store.write(c -> {
            accounts.remove(c, u);
            audit.append(c, r.actor(), "user.remove", "user " + u, Map.of());
            return null;
        }));
        endSessionsOf(u);
        return ApiResponse.ok(Map.of("removed", u));
    }

    private ApiResponse tokens(ApiRequest r) throws ApiException {
        List<Map<String, Object>> out = new ArrayList<>();
        onAccounts(() -> {
            for (Accounts.Token t : store.read(accounts::tokens)) {
                out.add(Map.of("name", t.name(), "roles", roleIds(t.roles()), "created", t.created()));
            }
            return null;
        });
        return ApiResponse.ok(Map.of("tokens", out));
    }

    private ApiResponse removeToken(ApiRequest r) throws ApiException {
        String name = r.params().get("name");
        onAccounts(() -> store.write(c -> {
            accounts.removeToken(c, name);
            audit.append(c, r.actor(), "token.remove", "token " + name, Map.of());
            return null;
        }));
        return ApiResponse.ok(Map.of("removed", name)); // its live streams end at their next check
    }

    private void endSessionsOf(String username) {
        sessions.endUser(username).forEach(live::end);
    }

    @FunctionalInterface
    private interface AccountWork {
        Object run() throws StoreException;
    }

    /** Runs work on users or tokens; their refusals (not found, last admin, taken, bad input) answer 404, 409 or 400. */
    private static void onAccounts(AccountWork work) throws ApiException {
        try {
            work.run();
        } catch (StoreException e) {
            if (e.getCause() instanceof IllegalArgumentException || e.getCause() instanceof IllegalStateException) {
                throw ApiException.of((RuntimeException) e.getCause());
            }
            throw new ApiException(500, "internal", "the accounts cannot be changed: " + e.getMessage());
        }
    }

    private ApiResponse addToken(ApiRequest r) throws ApiException {
        if (!(r.body().get("name") instanceof String name)) {
            throw ApiException.badRequest("name", "is missing");
        }
        Set<Role> roles = rolesArg(r.body().get("roles"));
        try {
            String token = store.write(c -> {
                String t = accounts.createToken(c, name, roles, clock.instant());
                audit.append(c, r.actor(), "token.create", "token " + name, Map.of("roles", Accounts.roles(roles)));
                return t;
            });
            return new ApiResponse(201, Map.of("name", name, "token", token, "note", "shown once; keep it secret"));
        } catch (StoreException e) {
            if (e.getCause() instanceof IllegalStateException taken) {
                throw ApiException.of(taken);
            }
            throw new ApiException(500, "internal", "the token cannot be stored: " + e.getMessage());
        }
    }

    /** OpenAPI 3 from the route table: every route, its role, its summary. */
    private Map<String, Object> openApi() {
        Map<String, Object> paths = new TreeMap<>();
        for (ApiRoute r : routes()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> ops = (Map<String, Object>) paths.computeIfAbsent("/api/v1" + r.path(), k -> new TreeMap<>());
            Map<String, Object> op = new LinkedHashMap<>();
            op.put("summary", r.summary());
            op.put("x-role", r.roleText());
            op.put("responses", Map.of("200", Map.of("description", "OK"), "401", Map.of("description", "not logged in"),
                    "403", Map.of("description", "missing role")));
            if (r.upload() != null) {
                op.put("requestBody", Map.of("required", true, "content", Map.of(r.upload(), Map.of("schema", Map.of("type", "string")))));
            }
            ops.put(r.method().toLowerCase(java.util.Locale.ROOT), op);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> session = (Map<String, Object>) paths.computeIfAbsent("/api/v1/session", k -> new TreeMap<>());
        session.put("post", Map.of("summary", "log in {username, password}; sets the session cookie, returns the CSRF token",
                "x-role", "none", "responses", Map.of("200", Map.of("description", "logged in"))));
        session.put("delete", Map.of("summary", "log out", "x-role", "none",
                "responses", Map.of("200", Map.of("description", "logged out"))));
        paths.put("/api/v1/health", Map.of("get", Map.of("summary", "each subsystem's health", "x-role", "none",
                "responses", Map.of("200", Map.of("description", "up or degraded"), "503", Map.of("description", "a subsystem is down")))));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.0.3");
        doc.put("info", Map.of("title", "Store room gateway API", "version", "1"));
        doc.put("paths", paths);
        return doc;
    }

    private static Map<String, List<String>> query(HttpServletRequest req) {
        Map<String, List<String>> q = new LinkedHashMap<>();
        req.getParameterMap().forEach((k, v) -> q.put(k, Arrays.asList(v)));
        return q;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(HttpServletRequest req) throws IOException, ApiException {
        if (req.getMethod().equals("GET") || req.getMethod().equals("DELETE")) {
            return Map.of();
        }
        byte[] bytes;
        try (InputStream in = req.getInputStream()) {
            bytes = in.readNBytes(MAX_BODY + 1);
        }
        if (bytes.length > MAX_BODY) {
            throw new ApiException(413, "too_large", "the body is larger than " + MAX_BODY + " bytes");
        }
        if (bytes.length == 0) {
            return Map.of();
        }
        try {
            Object v = JSON.readValue(bytes, Object.class);
            if (!(v instanceof Map)) {
                throw ApiException.badRequest("body", "must be a JSON object");
            }
            return (Map<String, Object>) v;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiException.badRequest("body", "is not JSON: " + e.getOriginalMessage());
        }
    }

    /** The role a route needs, in words for the person refused: Chinese unless they asked for English. */
    static String needsRole(ApiRoute route, String lang) {
        if ("en".equals(lang)) {
            return "this needs the " + route.roleText().replace("|", " or ") + " role";
        }
        Map<String, String> zh = Map.of("viewer", "查看者", "archivist", "档案员", "facilities", "设施管理员", "admin", "管理员");
        return "需要" + java.util.Arrays.stream(route.roleText().split("\\|")).map(r -> zh.getOrDefault(r, r))
                .collect(java.util.stream.Collectors.joining("或")) + "角色";
    }

    private static String lang(HttpServletRequest req) {
        String h = req.getHeader("Accept-Language");
        return h != null && h.toLowerCase(java.util.Locale.ROOT).startsWith("en") ? "en" : "zh-CN";
    }

    private static void write(HttpServletResponse resp, int status, Object body) throws IOException {
        byte[] bytes;
        try {
            // Whole before anything is sent: a value Jackson cannot write must not leave half a document.
            bytes = JSON.writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            LOG.error("api: an answer could not be written as JSON", e);
            status = 500;
            bytes = JSON.writeValueAsBytes(Map.of("error", "internal", "message", "the answer could not be written: " + e.getOriginalMessage()));
        }
        resp.setStatus(status);
        resp.setContentType("application/json;charset=UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.getOutputStream().write(bytes);
    }
}
