package org.storeroom.climate.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * 八防, the archive's "eight protections", as a configurable checklist (pure). There is no single
 * official list, so each centre names its own items; each is backed either by the room's sensors (fire,
 * water, doors, climate) or by an inspection a person records at least every so many days (light,
 * dust, pests, mould...).
 */
public final class Protections {
    /** What keeps an item honest. */
    public enum Source {
        /** No fire signal, pre-alarm or detector fault. */
        FIRE,
        /** Every water sensor dry. */
        WATER,
        /** Every door contact closed. */
        DOORS,
        /** Every zone in its band. */
        CLIMATE,
        /** A person's inspection, recorded within the item's period. */
        INSPECTION
    }

    /** How an item stands. */
    public enum Status { OK, ATTENTION, OVERDUE }

    /**
     * One item of the checklist.
     *
     * @param id        e.g. {@code fire}, {@code pests}
     * @param zh        its name in Chinese, e.g. 防火
     * @param en        its name in English
     * @param source    what backs it
     * @param everyDays for an inspection item: at most this many days between inspections
     */
    public record Item(String id, String zh, String en, Source source, int everyDays) {
        public Item {
            if (id == null || !id.matches("[a-z][a-z0-9-]{0,31}")) {
                throw new IllegalArgumentException("protection id '" + id + "' is not 1..32 lower-case letters, digits and hyphens");
            }
            if (source == Source.INSPECTION && (everyDays < 1 || everyDays > 366)) {
                throw new IllegalArgumentException("protection " + id + ": inspection period " + everyDays + " days is outside 1..366");
            }
        }
    }

    /** A recorded inspection. */
    public record Inspection(String item, Instant at, String by, boolean ok, String note) { }

    /** The room as the sensors see it now. */
    public record RoomState(FireStage fire, boolean fireFaults, List<String> wet, List<String> doorsOpen, List<String> zonesOutOfBand,
            List<String> zonesUnread) { }

    /** An item's standing, with the reason in both languages. */
    public record Standing(Item item, Status status, String zh, String en, Optional<Inspection> last) { }

    /** The default checklist: the eight most centres name. */
    public static final List<Item> DEFAULT = List.of(
            new Item("fire", "防火", "fire", Source.FIRE, 0),
            new Item("water", "防水", "water", Source.WATER, 0),
            new Item("theft", "防盗", "theft", Source.DOORS, 0),
            new Item("climate", "防高温高湿", "heat and humidity", Source.CLIMATE, 0),
            new Item("light", "防光", "light", Source.INSPECTION, 30),
            new Item("dust", "防尘", "dust", Source.INSPECTION, 30),
            new Item("pests", "防虫防鼠", "pests and rodents", Source.INSPECTION, 30),
            new Item("mould", "防霉", "mould", Source.INSPECTION, 30));

    private Protections() {
    }

    /**
     * Parses checklist entries {@code ID=SOURCE[:DAYS]|中文名|English name}, e.g.
     * {@code pests=INSPECTION:30|防虫防鼠|pests and rodents}; a bad entry is an error naming it.
     */
    public static List<Item> parse(String[] entries) {
        List<Item> out = new ArrayList<>();
        Map<String, Boolean> ids = new LinkedHashMap<>();
        for (String e : entries) {
            if (e == null || e.isBlank()) {
                continue;
            }
            String[] parts = e.trim().split("\\|", -1);
            String[] kv = parts[0].split("=", 2);
            if (parts.length != 3 || kv.length != 2 || parts[1].isBlank() || parts[2].isBlank()) {
                throw new IllegalArgumentException("protection entry '" + e + "' is not ID=SOURCE[:DAYS]|中文名|English name");
            }
            String[] src = kv[1].trim().split(":", 2);
            Source source;
            try {
                source = Source.valueOf(src[0].trim());
            } catch (IllegalArgumentException x) {
                throw new IllegalArgumentException("protection " + kv[0] + ": source '" + src[0] + "' is not one of "
                        + java.util.Arrays.toString(Source.values()));
            }
            int days = 0;
            if (source == Source.INSPECTION) {
                try {
                    days = src.length == 2 ? Integer.parseInt(src[1].trim()) : 30;
                } catch (NumberFormatException x) {
                    throw new IllegalArgumentException("protection " + kv[0] + ": inspection period '" + src[1] + "' is not a number of days");
                }
            }
            Item item = new Item(kv[0].trim(), parts[1].trim(), parts[2].trim(), source, days);
            if (ids.put(item.id(), true) != null) {
                throw new IllegalArgumentException("protection " + item.id() + " is listed twice");
            }
            out.add(item);
        }
        return out;
    }

    /** @return how each item stands now */
    public static List<Standing> evaluate(List<Item> items, RoomState room, Map<String, Inspection> lastInspections, Instant now) {
        List<Standing> out = new ArrayList<>();
        for (Item i : items) {
            Optional<Inspection> last = Optional.ofNullable(lastInspections.get(i.id()));
            out.add(switch (i.source()) {
                case FIRE -> room.fire() != FireStage.QUIET
                        ? new Standing(i, Status.ATTENTION, "火警联动：" + room.fire(), "fire linkage: " + room.fire(), last)
                        : room.fireFaults() ? new Standing(i, Status.ATTENTION, "探测器或消防主机故障", "a detector or the fire panel reports a fault", last)
                        : new Standing(i, Status.OK, "无火警信号", "no fire signal", last);
                case WATER -> room.wet().isEmpty() ? new Standing(i, Status.OK, "无漏水", "dry", last)
                        : new Standing(i, Status.ATTENTION, "漏水：" + String.join("、", room.wet()), "water: " + String.join(", ", room.wet()), last);
                case DOORS -> room.doorsOpen().isEmpty() ? new Standing(i, Status.OK, "门已关闭", "doors closed", last)
                        : new Standing(i, Status.ATTENTION, "门未关：" + String.join("、", room.doorsOpen()), "open: " + String.join(", ", room.doorsOpen()), last);
                case CLIMATE -> !room.zonesOutOfBand().isEmpty()
                        ? new Standing(i, Status.ATTENTION, "超出标准：" + String.join("、", room.zonesOutOfBand()),
                                "out of band: " + String.join(", ", room.zonesOutOfBand()), last)
                        : !room.zonesUnread().isEmpty()
                        ? new Standing(i, Status.ATTENTION, "无读数：" + String.join("、", room.zonesUnread()), "no reading: " + String.join(", ", room.zonesUnread()), last)
                        : new Standing(i, Status.OK, "温湿度在标准内", "temperature and humidity in band", last);
                case INSPECTION -> inspection(i, last, now);
            });
        }
        return out;
    }

    private static Standing inspection(Item i, Optional<Inspection> last, Instant now) {
        if (last.isEmpty()) {
            return new Standing(i, Status.OVERDUE, "尚无检查记录", "never inspected", last);
        }
        long days = Duration.between(last.get().at(), now).toDays();
        if (days > i.everyDays()) {
            return new Standing(i, Status.OVERDUE, "已" + days + "天未检查（应每" + i.everyDays() + "天）",
                    days + " days since the last inspection (due every " + i.everyDays() + ")", last);
        }
        if (!last.get().ok()) {
            return new Standing(i, Status.ATTENTION, "检查发现问题：" + last.get().note(), "the last inspection found: " + last.get().note(), last);
        }
        return new Standing(i, Status.OK, days + "天前检查正常", "inspected " + days + " days ago, all well", last);
    }
}
