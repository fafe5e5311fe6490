package org.storeroom.gateway.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One route of the JSON API under {@code /api/v1}: every route names the role it needs, so none can be
 * added without an authorisation rule.
 *
 * @param method  GET, POST, PUT or DELETE
 * @param path    below {@code /api/v1}, with {@code {name}} for path parameters, e.g. {@code /aisles/{id}/open}
 * @param roles   a caller needs one of these (admins have every role)
 * @param summary one line for {@code /api/v1/openapi.json}
 * @param upload  {@code null} for a JSON body (up to 64 KiB, parsed), or the media type, e.g.
 *                {@code text/csv}, of a body the handler reads itself from {@link ApiRequest#upload()}
 */
public record ApiRoute(String method, String path, java.util.Set<Role> roles, String summary, Handler handler, String upload) {
    private static final Pattern PATH = Pattern.compile("(/([a-z0-9][a-z0-9.-]*|\\{[a-z][a-zA-Z]*}))+");

    /** Answers one request; throws {@link ApiException} for 400, 404 and 409. */
    @FunctionalInterface
    public interface Handler {
        ApiResponse handle(ApiRequest request) throws ApiException;
    }

    public ApiRoute {
        if (!java.util.Set.of("GET", "POST", "PUT", "DELETE").contains(method)) {
            throw new IllegalArgumentException("route method '" + method + "' is not GET, POST, PUT or DELETE");
        }
        if (path == null || !PATH.matcher(path).matches()) {
            throw new IllegalArgumentException("route path '" + path + "' is not like /aisles/{id}/open");
        }
        if (roles == null || roles.isEmpty()) {
            throw new IllegalArgumentException("route " + method + " " + path + " has no role");
        }
        roles = java.util.Set.copyOf(roles);
        Objects.requireNonNull(handler, "handler");
        summary = summary == null ? "" : summary;
        if (upload != null && !method.equals("POST") && !method.equals("PUT")) {
            throw new IllegalArgumentException("route " + method + " " + path + " cannot take an upload");
        }
    }

    /** A route for callers with one of {@code roles}, taking a JSON body. */
    public ApiRoute(String method, String path, java.util.Set<Role> roles, String summary, Handler handler) {
        this(method, path, roles, summary, handler, null);
    }

    /** A route for callers with {@code role}. */
    public ApiRoute(String method, String path, Role role, String summary, Handler handler) {
        this(method, path, java.util.Set.of(Objects.requireNonNull(role, () -> "route " + method + " " + path + " has no role")),
                summary, handler, null);
    }

    /** @return the roles as the API documents them, e.g. {@code archivist|facilities} */
    public String roleText() {
        return roles.stream().map(Role::id).sorted().collect(java.util.stream.Collectors.joining("|"));
    }
}
