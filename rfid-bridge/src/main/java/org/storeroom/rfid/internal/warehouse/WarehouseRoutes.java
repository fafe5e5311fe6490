package org.storeroom.rfid.internal.warehouse;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.storeroom.gateway.api.ApiException;
import org.storeroom.gateway.api.ApiRequest;
import org.storeroom.gateway.api.ApiResponse;
import org.storeroom.gateway.api.ApiRoute;
import org.storeroom.gateway.api.Role;
import org.storeroom.gateway.api.StoreException;
import org.storeroom.rfid.api.Epc;

/**
 * The virtual warehouse in the JSON API. Looking things up needs a login; the 一户式 query (personal
 * data), loans, whereabouts and inventory need an archivist; importing a catalogue needs an admin.
 */
final class WarehouseRoutes {
    private final WarehouseComponent component;

    WarehouseRoutes(WarehouseComponent component) {
        this.component = component;
    }

    List<ApiRoute> routes() {
        Set<Role> archivist = Set.of(Role.ARCHIVIST);
        return List.of(
                new ApiRoute("GET", "/locate", Role.VIEWER, "find boxes and files by 档号, EPC, file number, storage point or linked key (?q=)",
                        guard(r -> ApiResponse.ok(Map.of("query", r.query("q", ""), "hits", component.warehouse().locate(r.query("q", "")))))),
                new ApiRoute("POST", "/guide", Role.VIEWER, "light the indicator at a box's bay and layer for 2 minutes {q: 档号 | 件号 | EPC}",
                        guard(this::guide)),
                new ApiRoute("GET", "/accounts/{key}", archivist, "一户式: every file linked to a borrower's ID number or a loan contract number",
                        guard(r -> ApiResponse.ok(Map.of("key", r.params().get("key"), "files", component.warehouse().account(r.params().get("key")))))),
                new ApiRoute("GET", "/storage", Role.VIEWER, "the room's storage points, boxes and files",
                        guard(r -> ApiResponse.ok(storage()))),
                new ApiRoute("POST", "/catalogue/checks", Set.of(Role.ADMIN),
                        "check a catalogue (CSV upload) against the room and the warehouse; writes nothing",
                        guard(r -> new ApiResponse(201, component.check(r.upload(), r.actor()).view())), "text/csv"),
                new ApiRoute("GET", "/catalogue/checks/{id}", Role.ADMIN, "a catalogue check: its problems, or how far its import has come",
                        guard(r -> ApiResponse.ok(component.importJob(id(r)).view()))),
                new ApiRoute("POST", "/catalogue/checks/{id}/apply", Role.ADMIN, "import a checked catalogue without problems, in the background",
                        guard(r -> new ApiResponse(202, component.apply(id(r), r.actor()).view()))),
                new ApiRoute("GET", "/loans", archivist, "boxes and files checked out now",
                        guard(r -> ApiResponse.ok(Map.of("loans", component.warehouse().openLoans())))),
                new ApiRoute("POST", "/loans", archivist, "check out {item: box:档号 | file:件号, borrower, due: YYYY-MM-DD (optional)}",
                        guard(this::checkOut)),
                new ApiRoute("POST", "/loans/return", archivist, "return {item}; it goes back to its storage point",
                        guard(r -> ApiResponse.ok(component.warehouse().giveBack(text(r, "item"), r.actor())))),
                new ApiRoute("GET", "/whereabouts", archivist, "an item's whereabouts, oldest first (?item=box:档号 | file:件号)",
                        guard(r -> ApiResponse.ok(Map.of("item", r.query("item", ""), "trail", component.warehouse().whereabouts(r.query("item", "")))))),
                new ApiRoute("POST", "/inventory", archivist, "start counting {range} or {columns: [..]}",
                        guard(this::startInventory)),
                new ApiRoute("GET", "/inventory", Role.VIEWER, "recent inventory sessions, newest first",
                        guard(r -> ApiResponse.ok(Map.of("sessions", component.inventories().recent(r.queryInt("limit", 20, 1, 200)))))),
                new ApiRoute("GET", "/inventory/{id}", Role.VIEWER, "an inventory session and its progress",
                        guard(r -> ApiResponse.ok(component.inventories().session(id(r))))),
                new ApiRoute("POST", "/inventory/reads", archivist, "tags read at a column {column, epcs: [..]} (the inventory cart)",
                        guard(this::reads)),
                new ApiRoute("POST", "/inventory/{id}/finish", archivist, "finish an inventory: found, missing, misplaced, unexpected",
                        guard(r -> ApiResponse.ok(component.inventories().finish(id(r), r.actor())))),
                new ApiRoute("POST", "/rfid/events", archivist, "tag events a reader posts (Impinj tagInventoryEvent or Zebra; one, an array,"
                        + " or one per line; ?reader=NAME when the events do not name it): counted, bad ones rejected by name",
                        guard(this::events), "application/json"),
                new ApiRoute("GET", "/inventory/{id}/report", Role.VIEWER, "a finished inventory's report (?format=csv to export)",
                        guard(this::report)));
    }

    /** Bad input and refusals as the API's 400, 404 and 409 rather than a server error. */
    private static ApiRoute.Handler guard(Work work) {
        return r -> {
            try {
                return work.handle(r);
            } catch (IllegalStateException | IllegalArgumentException e) {
                throw ApiException.of(e); // 404, 400 or 409, in the caller's language where the warehouse says it in both
            } catch (StoreException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        };
    }

    @FunctionalInterface
    private interface Work {
        ApiResponse handle(ApiRequest r) throws ApiException, StoreException;
    }

    private Map<String, Object> storage() throws StoreException {
        long[] counts = component.warehouse().counts();
        Map<String, Object> m = new LinkedHashMap<>();
        var layout = component.warehouse().layout();
        m.put("points", layout.pointCount());
        m.put("boxes", counts[0]);
        m.put("files", counts[1]);
        m.put("bays", layout.bays());
        m.put("layers", layout.layers());
        m.put("slots", layout.slots());
        m.put("ranges", layout.ranges().stream().map(x -> Map.of("range", x.name(), "columns", x.columns())).toList());
        return m;
    }

    private static long id(ApiRequest r) throws ApiException {
        String v = r.params().get("id");
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("id", "'" + v + "' is not a number");
        }
    }

    private static String text(ApiRequest r, String field) throws ApiException {
        if (!(r.body().get(field) instanceof String s) || s.isBlank()) {
            throw ApiException.badRequest(field, "is missing or not text", "缺少 " + field);
        }
        return s.trim();
    }

    /** Lights the guide at the box a query finds, so the person in the aisle sees where to reach. */
    private ApiResponse guide(ApiRequest r) throws ApiException, StoreException {
        String q = text(r, "q");
        Warehouse.Hit hit = component.warehouse().locate(q).stream().filter(h -> h.point() != null && !h.point().isEmpty())
                .findFirst().orElseThrow(() -> new ApiException(404, "not_found", "a box or file on a shelf for '" + q + "' does not exist",
                        "没有找到在架上的 '" + q + "'"));
        org.storeroom.rfid.api.StoragePoint p = org.storeroom.rfid.api.StoragePoint.parse(hit.point());
        org.storeroom.shelf.api.DeviceBus bus = component.deviceBus()
                .orElseThrow(() -> new ApiException(503, "unavailable", "the shelving's device bus does not run on this gateway",
                        "本网关上没有运行密集架设备总线"));
        org.storeroom.shelf.api.BusReply reply;
        try {
            reply = bus.guide(p.column(), new org.storeroom.bus.GuideCommand(p.side().name(), p.bay(), p.layer(), 120))
                    .toCompletableFuture().get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "unavailable", "interrupted");
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new ApiException(503, "unavailable", "column " + p.column() + " did not answer", "第 " + p.column() + " 列没有应答");
        }
        if (!reply.ok()) {
            throw new ApiException(503, "unavailable", "column " + p.column() + ": " + reply.reason(),
                    "第 " + p.column() + " 列无法亮灯：" + reply.reason());
        }
        return ApiResponse.ok(java.util.Map.of("item", hit.archiveNo(), "point", hit.point(), "label", hit.pointLabel(),
                "aisle", hit.aisle() == null ? "" : hit.aisle(), "lit", true, "seconds", 120));
    }

    private ApiResponse checkOut(ApiRequest r) throws ApiException, StoreException {
        long due = 0;
        Object d = r.body().get("due");
        if (d != null) {
            try {
                due = LocalDate.parse(String.valueOf(d)).plusDays(1).atStartOfDay(ZoneId.systemDefault()).toInstant().toEpochMilli() - 1;
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest("due", "'" + d + "' is not a date like 2026-12-31", "归还期限 '" + d + "' 不是日期（如 2026-12-31）");
            }
        }
        return new ApiResponse(201, component.warehouse().checkOut(text(r, "item"), text(r, "borrower"), due, r.actor()));
    }

    private ApiResponse startInventory(ApiRequest r) throws ApiException, StoreException {
        Object range = r.body().get("range");
        Object columns = r.body().get("columns");
        if (range instanceof String name) {
            List<Integer> cols = component.warehouse().layout().columnsOf(name)
                    .orElseThrow(() -> ApiException.badRequest("range", "'" + name + "' is not a range of the room", "'" + name + "' 不是库房的区"));
            return new ApiResponse(201, component.inventories().start("range " + name, cols, r.actor()));
        }
        if (columns instanceof List<?> list && !list.isEmpty()) {
            return new ApiResponse(201, component.inventories().start("columns " + list, ints("columns", list), r.actor()));
        }
        throw ApiException.badRequest("range or columns", "is missing: give {\"range\": \"A\"} or {\"columns\": [7, 8]}");
    }

    private static List<Integer> ints(String field, List<?> list) throws ApiException {
        List<Integer> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Integer i)) {
                throw ApiException.badRequest(field, "holds '" + o + "', not a column number");
            }
            out.add(i);
        }
        return out;
    }

    private ApiResponse reads(ApiRequest r) throws ApiException, StoreException {
        if (!(r.body().get("column") instanceof Integer column)) {
            throw ApiException.badRequest("column", "is missing or not a column number");
        }
        if (!(r.body().get("epcs") instanceof List<?> list) || list.size() > 10_000) {
            throw ApiException.badRequest("epcs", "is missing, not a list, or longer than 10000");
        }
        List<Epc> epcs = new ArrayList<>();
        for (Object o : list) {
            try {
                epcs.add(new Epc(String.valueOf(o)));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("epcs", e.getMessage());
            }
        }
        var session = component.inventories().countingColumn(column);
        if (session.isEmpty()) {
            throw ApiException.refused("column " + column + " is not being counted: start an inventory first",
                    "第 " + column + " 列没有在盘点：请先开始盘点");
        }
        int changed = component.inventories().read(column, epcs, component.warehouse().clock().millis());
        return ApiResponse.ok(Map.of("session", session.get(), "accepted", epcs.size(), "new", changed));
    }

    private ApiResponse events(ApiRequest r) throws ApiException, StoreException {
        String reader = r.query("reader", "http");
        byte[] payload;
        try {
            payload = r.upload().readNBytes(org.storeroom.rfid.core.VendorEvents.MAX_PAYLOAD + 1);
        } catch (java.io.IOException e) {
            throw ApiException.badRequest("body", "could not be read: " + e.getMessage());
        }
        var parsed = org.storeroom.rfid.core.VendorEvents.parse(payload, reader);
        var outcome = component.ingest().ingest(parsed.reads());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reads", parsed.reads().size());
        m.put("skipped", parsed.skipped());
        m.put("rejected", parsed.rejected().stream().limit(20).toList());
        m.put("rejectedCount", parsed.rejected().size());
        m.put("unmapped", outcome.unmapped());
        m.put("passages", outcome.passages());
        return ApiResponse.ok(m);
    }

    @SuppressWarnings("unchecked")
    private ApiResponse report(ApiRequest r) throws ApiException, StoreException {
        long id = id(r);
        Map<String, Object> report = component.inventories().report(id);
        String format = r.query("format", "json");
        if (format.equals("json")) {
            return ApiResponse.ok(report);
        }
        if (!format.equals("csv")) {
            throw ApiException.badRequest("format", "'" + format + "' is not json or csv");
        }
        StringBuilder csv = new StringBuilder("\uFEFFresult,archive_no,epc,point,seen_column,checked_out\n");
        for (String kind : List.of("missing", "misplaced")) {
            for (Map<String, Object> b : (List<Map<String, Object>>) report.get(kind)) {
                csv.append(kind).append(',').append(cell(b.get("archiveNo"))).append(',').append(b.get("epc")).append(',')
                        .append(b.get("point")).append(',').append(b.getOrDefault("seenColumn", "")).append(',')
                        .append(b.get("checkedOut")).append('\n');
            }
        }
        for (String archiveNo : (List<String>) report.get("found")) {
            csv.append("found,").append(cell(archiveNo)).append(",,,,false\n");
        }
        for (String epc : (List<String>) report.get("unexpected")) {
            csv.append("unexpected,,").append(epc).append(",,,\n");
        }
        return ApiResponse.download("text/csv;charset=UTF-8", "inventory-" + id + ".csv", csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A CSV cell: quoted when it holds a comma or quote; a leading = + - @ is neutralised for spreadsheets. */
    private static String cell(Object v) {
        String s = String.valueOf(v);
        if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
