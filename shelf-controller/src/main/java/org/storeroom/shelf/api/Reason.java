package org.storeroom.shelf.api;

/**
 * Why a request was refused or a movement stopped: a stable code for the API and uplink, with the words
 * a person reads on the panel in Chinese and English.
 */
public enum Reason {
    FIRE_MODE("消防模式，密集架已停止并锁定", "fire mode: shelving stopped and locked"),
    LOCKED("夜间锁定，密集架不可移动", "night lock: shelving does not move"),
    MAINTENANCE("维护模式，仅技术人员可点动单列", "maintenance: only a technician may jog single columns"),
    NOT_IN_MAINTENANCE("点动只允许在维护模式下进行", "jogging is allowed in maintenance mode only"),
    NOT_IN_FIRE("消防散架只在消防模式下进行", "fire park happens in fire mode only"),
    FIRE_PARK_GAPS_TOO_SMALL("本区列数多，散架后间隙不足 150 mm，不散架", "this range has too many columns: even gaps would be under 150 mm, so it is not spread"),
    AISLE_OCCUPIED("通道内有人", "someone is in the aisle"),
    ENTRY_BEAM_BROKEN("通道入口光栅被遮挡（通道口是否有箱子？）", "the aisle entry light beam is broken (a box in the way?)"),
    LATCHED_STOP("有列急停或防夹已触发，需人工复位", "a column stopped on an obstruction or emergency stop and must be reset"),
    OBSTRUCTION("防夹条或光栅被触发", "a contact strip or light beam is interrupted"),
    COLUMN_FAULT("列控制器报告故障", "a column controller reports a fault"),
    STALE_STATE("列状态过旧，通信可能中断", "a column's state is too old: its link may be broken"),
    LINK_LOST("与列控制器失去连接", "lost the link to a column controller"),
    NO_STATE("尚未收到列状态", "no state received from a column yet"),
    RANGE_BUSY("本区正在移动，请稍候", "this range is already moving; please wait"),
    UNKNOWN_RANGE("没有这个区", "no such range"),
    UNKNOWN_AISLE("没有这个通道", "no such aisle"),
    UNKNOWN_COLUMN("没有这一列", "no such column"),
    FIXED_COLUMN("固定列不能移动", "the fixed column does not move"),
    TARGET_OUT_OF_RANGE("目标位置超出轨道或会碰到相邻列", "target is off the rail or would hit a neighbouring column"),
    ALREADY_THERE("已在该位置", "already in place"),
    NOT_ARRIVED("列未在规定时间内到位", "a column did not arrive in time"),
    COLUMN_REFUSED("列控制器拒绝移动", "the column controller refused to move"),
    COLUMN_RESTARTED("列控制器重启，移动已中止", "the column controller restarted; the movement was abandoned"),
    UNEXPECTED_MOTION("列在未被指令时移动", "a column moved without being told to"),
    STOP_REQUESTED("已按要求停止", "stopped on request");

    private final String zh;
    private final String en;

    Reason(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    /** @return the words for the panel in Chinese. */
    public String zh() {
        return zh;
    }

    /** @return the words for the panel in English. */
    public String en() {
        return en;
    }
}
