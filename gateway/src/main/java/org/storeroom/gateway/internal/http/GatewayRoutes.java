package org.storeroom.gateway.internal.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.storeroom.gateway.api.ApiException;
import org.storeroom.gateway.api.ApiRequest;
import org.storeroom.gateway.api.ApiResponse;
import org.storeroom.gateway.api.ApiRoute;
import org.storeroom.gateway.api.ApiRoutes;
import org.storeroom.gateway.api.AuditEntry;
import org.storeroom.gateway.api.AuditLog;
import org.storeroom.gateway.api.AuditReport;
import org.storeroom.gateway.api.IndexMirror;
import org.storeroom.gateway.api.Role;
import org.storeroom.gateway.api.StoreException;

/** The gateway's own API routes: the audit log and its check, and the index mirror's content hash. */
@Component(service = ApiRoutes.class)
public final class GatewayRoutes implements ApiRoutes {
    private final AuditLog audit;
    private final IndexMirror index;

    @Activate
    public GatewayRoutes(@Reference AuditLog audit, @Reference IndexMirror index) {
        this.audit = audit;
        this.index = index;
    }

    @Override
    public List<ApiRoute> routes() {
        return List.of(
                new ApiRoute("GET", "/audit", Role.ADMIN, "newest audit entries (?limit=1..1000, default 100)", this::recent),
                new ApiRoute("GET", "/audit/verify", Role.ADMIN, "check the audit log's hash chain", this::verify),
                new ApiRoute("GET", "/index", Role.VIEWER, "the index mirror's version, entry count and content hash",
                        r -> ApiResponse.ok(state())));
    }

    private Map<String, Object> state() {
        IndexMirror.IndexState s;
        try {
            s = index.state();
        } catch (StoreException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", s.version());
        m.put("entries", s.entries());
        m.put("hash", s.hash());
        return m;
    }

    private ApiResponse recent(ApiRequest r) throws ApiException {
        int limit = r.queryInt("limit", 100, 1, 1000);
        try {
            List<Map<String, Object>> out = new java.util.ArrayList<>();
            for (AuditEntry e : audit.recent(limit)) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("seq", e.seq());
                m.put("ts", e.ts());
                m.put("actor", e.actor());
                m.put("action", e.action());
                m.put("target", e.target());
                m.put("detail", Json.MAPPER.readValue(e.detail(), Map.class));
                m.put("hash", e.hash());
                out.add(m);
            }
            return ApiResponse.ok(Map.of("entries", out));
        } catch (StoreException | java.io.IOException e) {
            throw new ApiException(500, "internal", "the audit log cannot be read: " + e.getMessage());
        }
    }

    private ApiResponse verify(ApiRequest r) throws ApiException {
        try {
            AuditReport rep = audit.verify();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("intact", rep.intact());
            m.put("entries", rep.entries());
            m.put("lastHash", rep.lastHash());
            m.put("firstBad", rep.firstBad());
            m.put("problem", rep.problem());
            return ApiResponse.ok(m);
        } catch (StoreException e) {
            throw new ApiException(500, "internal", "the audit log cannot be read: " + e.getMessage());
        }
    }
}
