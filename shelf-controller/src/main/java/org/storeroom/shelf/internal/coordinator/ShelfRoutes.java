package org.storeroom.shelf.internal.coordinator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.storeroom.bus.ColumnState;
import org.storeroom.gateway.api.ApiException;
import org.storeroom.gateway.api.ApiRequest;
import org.storeroom.gateway.api.ApiResponse;
import org.storeroom.gateway.api.ApiRoute;
import org.storeroom.gateway.api.LiveView;
import org.storeroom.gateway.api.Role;
import org.storeroom.shelf.api.RequestHandle;
import org.storeroom.shelf.api.RequestOutcome;
import org.storeroom.shelf.api.ShelfMode;
import org.storeroom.shelf.core.CoreState;
import org.storeroom.shelf.core.RangeModel;
import org.storeroom.shelf.core.ShelfCore;

/**
 * The shelving in the JSON API: ranges, columns and aisles as the coordinator knows them now, and the
 * requests people make. Looking needs a login; opening an aisle needs an archivist or facilities staff;
 * resetting a latched stop and changing the mode need facilities staff; anyone logged in may stop
 * everything. Refusals answer 409 with the reason in the caller's language.
 */
final class ShelfRoutes {
    private static final Pattern AISLE_ID = Pattern.compile("([A-Za-z0-9_]+)-([0-9]{1,3})");
    private final ShelfCoordinator shelves;

    ShelfRoutes(ShelfCoordinator shelves) {
        this.shelves = shelves;
    }

    List<ApiRoute> routes() {
        return List.of(
                new ApiRoute("GET", "/ranges", Role.VIEWER, "the ranges: columns in rail order, which aisle is open, what is under way",
                        r -> ApiResponse.ok(Map.of("mode", shelves.state().mode().name(), "ranges", ranges()))),
                new ApiRoute("GET", "/columns", Role.VIEWER, "every column's state as last reported, and how old that is",
                        r -> ApiResponse.ok(Map.of("columns", columns(false)))),
                new ApiRoute("GET", "/aisles", Role.VIEWER, "every aisle: width, open, occupied, entry beam",
                        r -> ApiResponse.ok(Map.of("aisles", aisles()))),
                new ApiRoute("GET", "/room/live", Role.VIEWER,
                        "server-sent events 'room': mode, ranges, columns and aisles, sent again whenever they change",
                        r -> ApiResponse.live("room", new LiveView() {
                            @Override
                            public Object now() {
                                return room();
                            }

                            @Override
                            public Watch watch(Runnable changed) {
                                return shelves.watch(changed);
                            }
                        })),
                new ApiRoute("POST", "/aisles/{id}/open", Set.of(Role.ARCHIVIST, Role.FACILITIES),
                        "open aisle {id} (e.g. A-3); 202 when the movement starts, 409 with the reason when refused", this::open),
                new ApiRoute("POST", "/columns/{column}/reset", Role.FACILITIES,
                        "clear a column's latched stop once its cause is gone; never starts motion", this::reset),
                new ApiRoute("POST", "/stop", Role.VIEWER, "stop every column now", r -> {
                    shelves.stopAll(r.actor());
                    return new ApiResponse(202, Map.of("stopping", "all columns"));
                }),
                new ApiRoute("POST", "/shelving/rehome", Role.FACILITIES,
                        "after a fire's all-clear (LOCKED): unlock and bring every range home; each range home is then counted by RFID",
                        this::rehome),
                new ApiRoute("PUT", "/mode", Role.FACILITIES, "set the mode {mode: NORMAL|LOCKED|MAINTENANCE|VENTILATION|FIRE}",
                        this::mode));
    }

    /**
     * Whether a gap is an open aisle: as wide as an aisle but for what two arrivals may leave short (each
     * column stops up to the tolerance short, and reports whole millimetres).
     */
    private boolean open(RangeModel r, int widthMm) {
        return widthMm >= r.aisleMm() - 2 * (shelves.settings().toleranceMm() + 1);
    }

    private List<Map<String, Object>> ranges() {
        CoreState s = shelves.state();
        List<Map<String, Object>> out = new ArrayList<>();
        for (RangeModel r : shelves.room().ranges()) {
            int[] pos = ShelfCore.positions(s, r);
            Integer open = null;
            for (int g = 1; g <= r.size(); g++) {
                if (open(r, r.gap(pos, g))) {
                    open = g;
                }
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.id());
            m.put("columns", r.columns());
            m.put("fixedColumn", r.columns().get(0));
            m.put("openAisle", open);
            CoreState.Activity a = s.activity().get(r.id());
            m.put("busyWith", a == null ? null : a.requestId());
            out.add(m);
        }
        return out;
    }

    /** The whole map at one moment: what the panel's live view shows. */
    private Map<String, Object> room() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", shelves.state().mode().name());
        m.put("ranges", ranges());
        m.put("columns", columns(true));
        m.put("aisles", aisles());
        return m;
    }

    /**
     * @param live for a live view: whether each report is fresh rather than its age in milliseconds, which
     *             would differ at every send
     */
    private List<Map<String, Object>> columns(boolean live) {
        CoreState s = shelves.state();
        long now = ShelfCoordinator.now();
        List<Map<String, Object>> out = new ArrayList<>();
        for (RangeModel r : shelves.room().ranges()) {
            for (int c : r.columns()) {
                CoreState.ColumnView v = s.column(c);
                ColumnState st = v.state();
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("column", c);
                m.put("range", r.id());
                m.put("fixed", c == r.columns().get(0));
                m.put("linkUp", v.linkUp());
                if (st == null) {
                    m.put("motion", r.columns().get(0) == c ? "FIXED" : "UNKNOWN");
                } else {
                    m.put("positionMm", st.positionMm());
                    m.put("targetMm", st.targetMm());
                    m.put("motion", st.motion().name());
                    if (live) {
                        m.put("fresh", v.linkUp() && now - v.receivedAt() <= shelves.settings().freshnessMs());
                    } else {
                        m.put("ageMs", now - v.receivedAt());
                    }
                    m.put("latchedStop", st.latchedStop());
                    m.put("obstruction", st.obstructionFront() || st.obstructionRear());
                    m.put("emergencyStop", st.emergencyStop());
                    m.put("faults", st.faults());
                }
                out.add(m);
            }
        }
        return out;
    }

    private List<Map<String, Object>> aisles() {
        CoreState s = shelves.state();

        List<Map<String, Object>> out = new ArrayList<>();
        for (RangeModel r : shelves.room().ranges()) {
            int[] pos = ShelfCore.positions(s, r);
            for (int g = 1; g <= r.size(); g++) {
                CoreState.AisleSensors sensors = s.aisle(r.id(), g);
                int width = r.gap(pos, g);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", r.id() + "-" + g);
                m.put("range", r.id());
                m.put("aisle", g);
                m.put("widthMm", width);
                m.put("open", open(r, width));
                m.put("occupied", sensors.occupied());
                m.put("beamBroken", sensors.beamBroken());
                out.add(m);

            }
        }
        return out;
    }

    private ApiResponse open(ApiRequest r) throws ApiException {
        String id = r.params().get("id");
        Matcher m = AISLE_ID.matcher(id);
        if (!m.matches()) {
            throw ApiException.badRequest("aisle id", "'" + id + "' is not RANGE-NUMBER, e.g. A-3");
        }
        RequestHandle h = shelves.openAisle(m.group(1), Integer.parseInt(m.group(2)), r.actor());
        return decided(h, r.lang());
    }

    /** Waits for the coordinator's decision (milliseconds): 202 when accepted, 409 with the reason when refused. */
    static ApiResponse decided(RequestHandle h, String lang) throws ApiException {
        RequestOutcome d;
        try {
            d = h.decision().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "busy", "interrupted while the shelving decided", "密集架控制被中断，没有启动任何动作");
        } catch (ExecutionException | TimeoutException e) {
            throw new ApiException(503, "busy", "the shelving did not decide within 5 s; nothing was started",
                    "密集架控制5秒内没有答复，没有启动任何动作");
        }
        if (d.status() == RequestOutcome.Status.REFUSED) {
            String reason = "en".equals(lang) ? d.why().reason().en() : d.why().reason().zh();
            throw ApiException.refused(reason + " (" + d.why().detail() + ")");
        }
        return new ApiResponse(202, Map.of("request", h.requestId(), "status", d.status().name()));
    }

    private ApiResponse reset(ApiRequest r) throws ApiException {
        String c = r.params().get("column");
        int column;
        try {
            column = Integer.parseInt(c);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("column", "'" + c + "' is not a column number");
        }
        if (!shelves.room().columns().contains(column)) {
            throw ApiException.notFound("column " + column);
        }
        shelves.resetColumn(column, r.actor());
        return new ApiResponse(202, Map.of("column", column, "reset", "asked; a reset never starts motion"));
    }

    private ApiResponse rehome(ApiRequest r) throws ApiException {
        List<RequestHandle> handles;
        try {
            handles = shelves.rehome(r.actor());
        } catch (IllegalStateException e) {
            throw ApiException.refused("re-homing follows a fire's all-clear, when the shelving is LOCKED; it is " + e.getMessage(),
                    "只有火警解除后（密集架锁定时）才能归位；现在的模式是 " + e.getMessage());
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (RequestHandle h : handles) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("request", h.requestId());
            try {
                ApiResponse d = decided(h, r.lang());
                m.put("status", ((Map<?, ?>) d.body()).get("status"));
            } catch (ApiException refused) {
                m.put("status", "REFUSED");
                m.put("why", refused.getMessage());
            }
            out.add(m);
        }
        return new ApiResponse(202, Map.of("mode", "NORMAL", "ranges", out));
    }

    private ApiResponse mode(ApiRequest r) throws ApiException {
        Object v = r.body().get("mode");
        ShelfMode mode;
        try {
            mode = ShelfMode.valueOf(String.valueOf(v));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("mode", "'" + v + "' is not one of NORMAL, LOCKED, MAINTENANCE, VENTILATION, FIRE");
        }
        shelves.setMode(mode, r.actor());
        return ApiResponse.ok(Map.of("mode", mode.name()));
    }
}
