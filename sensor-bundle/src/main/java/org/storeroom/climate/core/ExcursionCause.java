package org.storeroom.climate.core;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What was going on in a zone while its air was out of band, kept with every minute of history as bits
 * and folded into the hour: the causes a facilities person looks for in the monthly compliance.
 */
public enum ExcursionCause {
    DOOR_OPEN(1, "库房门开着", "a door stood open"),
    FIRE_PLANT_OFF(2, "火警联动关闭了空调和除湿", "the fire linkage held the plant off"),
    MANUAL_OVERRIDE(4, "有人工手动控制", "a person's manual override was in force"),
    CONTROL_OFF(8, "自动控制已关闭", "automatic control was switched off"),
    SENSORS_MISSING(16, "部分传感器无读数", "some sensors gave no good reading"),
    COOLING_RAN(32, "空调在运行但降不下来", "the air conditioning ran and could not keep up"),
    DEHUMIDIFIER_RAN(64, "除湿机在运行但除不下来", "the dehumidifiers ran and could not keep up"),
    HUMIDIFIER_RAN(128, "加湿器在运行但加不上去", "the humidifier ran and could not keep up"),
    FRESH_AIR_RAN(256, "正在通风换气（新风）", "fresh air was being let in");

    private final int bit;
    private final String zh;
    private final String en;

    ExcursionCause(int bit, String zh, String en) {
        this.bit = bit;
        this.zh = zh;
        this.en = en;
    }

    public int bit() {
        return bit;
    }

    public String text(boolean english) {
        return english ? en : zh;
    }

    /** @return the bits of {@code causes}, as kept with the history */
    public static int bits(Set<ExcursionCause> causes) {
        int b = 0;
        for (ExcursionCause c : causes) {
            b |= c.bit;
        }
        return b;
    }

    /**
     * The causes that explain an excursion: every condition recorded in the hour, except a plant that ran
     * in the other direction (a running humidifier does not explain a damp hour).
     *
     * @param bits       what was recorded in the hour
     * @param tooWarm    the hour was above the band's temperature
     * @param tooDamp    the hour was above the band's humidity
     * @param tooDry     the hour was below the band's humidity
     */
    public static List<ExcursionCause> explain(int bits, boolean tooWarm, boolean tooDamp, boolean tooDry) {
        List<ExcursionCause> out = new ArrayList<>();
        for (ExcursionCause c : values()) {
            if ((bits & c.bit) == 0) {
                continue;
            }
            boolean relevant = switch (c) {
                case COOLING_RAN -> tooWarm;
                case DEHUMIDIFIER_RAN -> tooDamp;
                case HUMIDIFIER_RAN -> tooDry;
                default -> true;
            };
            if (relevant) {
                out.add(c);
            }
        }
        return out;
    }

    /** @return the causes whose bits are set */
    public static Set<ExcursionCause> of(int bits) {
        Set<ExcursionCause> s = EnumSet.noneOf(ExcursionCause.class);
        for (ExcursionCause c : values()) {
            if ((bits & c.bit) != 0) {
                s.add(c);
            }
        }
        return s;
    }
}
