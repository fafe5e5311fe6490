package org.storeroom.gateway.api;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An authenticated API request.
 *
 * @param user   who: the user name, or {@code token:NAME} for a machine client
 * @param roles  the caller's roles
 * @param params path parameters by name
 * @param query  query parameters
 * @param body   the JSON body as maps, lists and scalars; empty map when there is none
 * @param lang   {@code zh-CN} or {@code en}, from Accept-Language, for texts people read
 * @param upload the body as sent, for a route that takes an {@link ApiRoute#upload() upload}; else {@code null}
 */
public record ApiRequest(String user, Set<Role> roles, Map<String, String> params, Map<String, List<String>> query,
                         Map<String, Object> body, String lang, java.io.InputStream upload) {

    /** A request with a JSON body. */
    public ApiRequest(String user, Set<Role> roles, Map<String, String> params, Map<String, List<String>> query,
                      Map<String, Object> body, String lang) {
        this(user, roles, params, query, body, lang, null);
    }

    /** @return the first value of a query parameter, or {@code fallback} */
    public String query(String name, String fallback) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? fallback : v.get(0);
    }

    /** @return an integer query parameter within bounds, or {@code fallback} when absent */
    public int queryInt(String name, int fallback, int min, int max) throws ApiException {
        String v = query(name, null);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ApiException.badRequest(name, "'" + v + "' is not a whole number in " + min + ".." + max);
    }

    /** @return who, for the audit log: {@code user:NAME} or {@code token:NAME} */
    public String actor() {
        return user.startsWith("token:") ? user : "user:" + user;
    }
}
