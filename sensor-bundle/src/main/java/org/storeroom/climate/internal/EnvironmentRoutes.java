package org.storeroom.climate.internal;

import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.storeroom.climate.api.ClimateBand;
import org.storeroom.climate.core.FireLinkage;
import org.storeroom.climate.core.Protections;
import org.storeroom.climate.core.ZoneControl;
import org.storeroom.gateway.api.ApiException;
import org.storeroom.gateway.api.ApiRequest;
import org.storeroom.gateway.api.ApiResponse;
import org.storeroom.gateway.api.ApiRoute;
import org.storeroom.gateway.api.LiveView;
import org.storeroom.gateway.api.Role;
import org.storeroom.gateway.api.StoreException;

/** The environment's part of the JSON API: climate now and over time, bands, overrides, the fire linkage. */
final class EnvironmentRoutes {
    private final EnvironmentComponent env;

    EnvironmentRoutes(EnvironmentComponent env) {
        this.env = env;
    }

    List<ApiRoute> routes() {
        Set<Role> facilities = Set.of(Role.FACILITIES);
        return List.of(
                new ApiRoute("GET", "/climate", Role.VIEWER, "each zone now: band, temperature, humidity, dew point, plant, sensors",
                        r -> ApiResponse.ok(Map.of("zones", env.zonesNow()))),
                new ApiRoute("GET", "/climate/history", Role.VIEWER,
                        "a zone's climate (?zone=&hours=1..8760): minutes up to 3 days back, hourly means beyond; twice-daily records",
                        this::history),
                new ApiRoute("GET", "/climate/compliance", Role.VIEWER,
                        "a zone's month (?zone=&month=YYYY-MM): % of hours in band and the worst hours outside it",
                        this::compliance),
                new ApiRoute("PUT", "/climate/zones/{zone}/band", facilities,
                        "tighten a zone's band {minCelsius, maxCelsius, minHumidity, maxHumidity} within its holdings' standard",
                        this::band),
                new ApiRoute("POST", "/climate/zones/{zone}/override", facilities,
                        "run or stop one plant by hand {plant: COOLING|DEHUMIDIFIER|HUMIDIFIER|FRESH_AIR, on, minutes: 1..720}; it expires",
                        this::override),
                new ApiRoute("GET", "/protections", Role.VIEWER, "八防: each protection, OK / ATTENTION / OVERDUE, why, and its last inspection",
                        this::protections),
                new ApiRoute("POST", "/protections/{id}/inspections", facilities,
                        "record an inspection {ok: true|false, note} of one protection", this::inspect),
                new ApiRoute("GET", "/fire", Role.VIEWER, "the fire linkage: stage, fire signals, pre-alarms, faults, water and doors",
                        r -> ApiResponse.ok(env.fireNow())),
                new ApiRoute("GET", "/fire/live", Role.VIEWER, "server-sent events 'fire': the fire linkage as GET /fire, sent again whenever it changes",
                        r -> ApiResponse.live("fire", new LiveView() {
                            @Override
                            public Object now() {
                                return env.fireNow();
                            }

                            @Override
                            public Watch watch(Runnable changed) {
                                return env.watchFire(changed);
                            }
                        })),
                new ApiRoute("POST", "/fire/acknowledge", Set.of(Role.ARCHIVIST, Role.FACILITIES),
                        "acknowledge the alarm showing now (recorded; silences panels until the alarm changes; changes no linkage)",
                        this::acknowledge),
                new ApiRoute("POST", "/fire/all-clear", facilities, "declare the fire over once no signal shows; shelving stays locked",
                        r -> clear(r, false)),
                new ApiRoute("POST", "/fire/key-reset", facilities, "after a gas discharge: confirm the key reset at the fire panel",
                        r -> clear(r, true)));
    }

    private String zone(ApiRequest r, String value) throws ApiException {
        if (value == null || value.isEmpty()) {
            throw ApiException.badRequest("zone", "is missing; one of " + env.zoneNames());
        }
        if (env.zone(value) == null) {
            throw ApiException.notFound("zone " + value);
        }
        return value;
    }

    private ApiResponse history(ApiRequest r) throws ApiException {
        String zone = zone(r, r.query("zone", ""));
        int hours = r.queryInt("hours", 24, 1, 8760);
        long to = env.clock().millis();
        long from = to - hours * 3_600_000L;
        try {
            return ApiResponse.ok(env.store().read(c -> Map.of("zone", zone, "from", Instant.ofEpochMilli(from).toString(),
                    "to", Instant.ofEpochMilli(to).toString(), "band", env.zone(zone).band(),
                    "points", ClimateHistory.series(c, zone, from, to), "records", ClimateHistory.records(c, zone, from, to))));
        } catch (StoreException e) {
            throw new ApiException(503, "store", "the climate history cannot be read: " + e.getMessage());
        }
    }

    private ApiResponse compliance(ApiRequest r) throws ApiException {
        String zone = zone(r, r.query("zone", ""));
        YearMonth month;
        try {
            month = YearMonth.parse(r.query("month", YearMonth.now(env.clock()).toString()));
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("month", "'" + r.query("month", "") + "' is not YYYY-MM");
        }
        long from = month.atDay(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli();
        long to = month.plusMonths(1).atDay(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli();
        ClimateBand band = env.zone(zone).band();
        try {
            Map<String, Object> c = env.store().read(x -> ClimateHistory.compliance(x, zone, band, from, to, "en".equals(r.lang())));
            return ApiResponse.ok(Map.of("month", month.toString(), "band", band, "compliance", c));
        } catch (StoreException e) {
            throw new ApiException(503, "store", "the climate history cannot be read: " + e.getMessage());
        }
    }

    private static double number(ApiRequest r, String field) throws ApiException {
        Object v = r.body().get(field);
        if (!(v instanceof Number n)) {
            throw ApiException.badRequest(field, v == null ? "is missing" : "'" + v + "' is not a number");
        }
        return n.doubleValue();
    }

    private ApiResponse band(ApiRequest r) throws ApiException {
        String zone = zone(r, r.params().get("zone"));
        ClimateBand wanted;
        try {
            wanted = new ClimateBand(number(r, "minCelsius"), number(r, "maxCelsius"), number(r, "minHumidity"), number(r, "maxHumidity"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("band", e.getMessage());
        }
        ClimateBand holdings = holdingsBand(zone);
        if (!EnvironmentComponent.within(wanted, holdings)) {
            throw ApiException.refused("a band may be tightened within the standard for its holdings (" + holdings.minCelsius() + "–"
                    + holdings.maxCelsius() + " °C, " + holdings.minHumidity() + "–" + holdings.maxHumidity() + " %RH), never widened");
        }
        try {
            env.band(zone, wanted, r.actor());
        } catch (StoreException e) {
            throw new ApiException(503, "store", "the band could not be kept: " + e.getMessage());
        }
        return ApiResponse.ok(Map.of("zone", zone, "band", wanted));
    }

    private ClimateBand holdingsBand(String zone) {
        return env.holdings(zone).band();
    }

    private ApiResponse override(ApiRequest r) throws ApiException {
        String zone = zone(r, r.params().get("zone"));
        ZoneControl.Plant plant;
        try {
            plant = ZoneControl.Plant.valueOf(String.valueOf(r.body().get("plant")));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("plant", "'" + r.body().get("plant") + "' is not COOLING, DEHUMIDIFIER, HUMIDIFIER or FRESH_AIR");
        }
        if (!(r.body().get("on") instanceof Boolean on)) {
            throw ApiException.badRequest("on", "must be true or false");
        }
        double minutes = number(r, "minutes");
        if (minutes < 1 || minutes > 720 || minutes != Math.floor(minutes)) {
            throw ApiException.badRequest("minutes", minutes + " is not a whole number in 1..720");
        }
        long until = env.clock().millis() + (long) minutes * 60_000;
        ZoneControl.Override o = new ZoneControl.Override(plant, on, until, r.actor());
        env.read(() -> {
            env.zone(zone).override(o);
            return null;
        });
        audit(r, "climate.override", "zone " + zone, Map.of("plant", plant.name(), "on", on, "until", Instant.ofEpochMilli(until).toString()));
        return ApiResponse.ok(Map.of("zone", zone, "override", o, "note",
                "the compressor's minimum run and rest times still apply; fire turns everything off"));
    }

    private ApiResponse protections(ApiRequest r) throws ApiException {
        try {
            boolean en = "en".equals(r.lang());
            List<Map<String, Object>> items = new java.util.ArrayList<>();
            for (Protections.Standing s : env.protections()) {
                Map<String, Object> m = new java.util.LinkedHashMap<>();
                m.put("id", s.item().id());
                m.put("name", en ? s.item().en() : s.item().zh());
                m.put("source", s.item().source().name());
                m.put("status", s.status().name());
                m.put("why", en ? s.en() : s.zh());
                m.put("lastInspection", s.last().map(EnvironmentRoutes::inspection).orElse(null));
                items.add(m);
            }
            return ApiResponse.ok(Map.of("protections", items));
        } catch (StoreException e) {
            throw new ApiException(503, "store", "the inspections cannot be read: " + e.getMessage());
        }
    }

    private ApiResponse inspect(ApiRequest r) throws ApiException {
        String id = r.params().get("id");
        if (env.protectionItems().stream().noneMatch(i -> i.id().equals(id))) {
            throw ApiException.notFound("protection " + id);
        }
        if (!(r.body().get("ok") instanceof Boolean ok)) {
            throw ApiException.badRequest("ok", "must be true (all well) or false (a problem found)", "请选择正常或发现问题");
        }
        Object note = r.body().getOrDefault("note", "");
        if (!(note instanceof String n) || n.length() > 500) {
            throw ApiException.badRequest("note", "must be text of up to 500 characters", "巡检说明不能超过500个字");
        }
        if (!ok && n.isBlank()) {
            throw ApiException.badRequest("note", "say what the inspection found", "请写明巡检发现的问题");
        }
        Protections.Inspection i = new Protections.Inspection(id, env.clock().instant(), r.actor(), ok, n);
        try {
            env.inspect(i);
        } catch (StoreException e) {
            throw new ApiException(503, "store", "the inspection could not be recorded: " + e.getMessage());
        }
        return ApiResponse.ok(Map.of("inspection", inspection(i)));
    }

    private static Map<String, Object> inspection(Protections.Inspection i) {
        return Map.of("at", i.at().toString(), "by", i.by(), "ok", i.ok(), "note", i.note());
    }

    private ApiResponse acknowledge(ApiRequest r) throws ApiException {
        try {
            Map<String, Object> what = env.acknowledge(r.actor()).orElseThrow(() -> ApiException.refused(
                    "no alarm is showing to acknowledge", "当前没有需要确认的报警"));
            return ApiResponse.ok(Map.of("acknowledged", what, "by", r.actor()));
        } catch (StoreException e) {
            throw new ApiException(503, "store", "the acknowledgement could not be recorded: " + e.getMessage());
        }
    }

    private ApiResponse clear(ApiRequest r, boolean key) throws ApiException {
        try {
            FireLinkage.Step s = env.personClears(key, r.actor());
            return ApiResponse.ok(Map.of("stage", s.stage().name(), "shelving", "locked: re-home the columns, then unlock",
                    "inventory", "due: run an RFID inventory of the room"));
        } catch (FireLinkage.Refused e) {
            throw ApiException.refused(e.getMessage(), e.zh());
        }
    }

    private void audit(ApiRequest r, String action, String target, Map<String, ?> detail) throws ApiException {
        try {
            env.store().write(c -> env.audit().append(c, r.actor(), action, target, detail));
        } catch (StoreException e) {
            throw new ApiException(503, "store", "the change was made but could not be recorded: " + e.getMessage());
        }
    }
}
