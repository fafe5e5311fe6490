package org.storeroom.rfid.internal.llrp;

import java.util.ArrayList;
import java.util.List;
import org.llrp.ltk.generated.enumerations.AISpecStopTriggerType;
import org.llrp.ltk.generated.enumerations.AirProtocols;
import org.llrp.ltk.generated.enumerations.KeepaliveTriggerType;
import org.llrp.ltk.generated.enumerations.ROReportTriggerType;
import org.llrp.ltk.generated.enumerations.ROSpecStartTriggerType;
import org.llrp.ltk.generated.enumerations.ROSpecState;
import org.llrp.ltk.generated.enumerations.ROSpecStopTriggerType;
import org.llrp.ltk.generated.interfaces.EPCParameter;
import org.llrp.ltk.generated.interfaces.SpecParameter;
import org.llrp.ltk.generated.messages.ADD_ROSPEC;
import org.llrp.ltk.generated.messages.DELETE_ROSPEC;
import org.llrp.ltk.generated.messages.ENABLE_ROSPEC;
import org.llrp.ltk.generated.messages.RO_ACCESS_REPORT;
import org.llrp.ltk.generated.messages.SET_READER_CONFIG;
import org.llrp.ltk.generated.parameters.AISpec;
import org.llrp.ltk.generated.parameters.AISpecStopTrigger;
import org.llrp.ltk.generated.parameters.EPCData;
import org.llrp.ltk.generated.parameters.EPC_96;
import org.llrp.ltk.generated.parameters.InventoryParameterSpec;
import org.llrp.ltk.generated.parameters.KeepaliveSpec;
import org.llrp.ltk.generated.parameters.ROBoundarySpec;
import org.llrp.ltk.generated.parameters.ROReportSpec;
import org.llrp.ltk.generated.parameters.ROSpec;
import org.llrp.ltk.generated.parameters.ROSpecStartTrigger;
import org.llrp.ltk.generated.parameters.ROSpecStopTrigger;
import org.llrp.ltk.generated.parameters.TagReportContentSelector;
import org.llrp.ltk.generated.parameters.TagReportData;
import org.llrp.ltk.types.Bit;
import org.llrp.ltk.types.UnsignedByte;
import org.llrp.ltk.types.UnsignedInteger;
import org.llrp.ltk.types.UnsignedShort;
import org.llrp.ltk.types.UnsignedShortArray;
import org.storeroom.rfid.api.Epc;
import org.storeroom.rfid.core.TagRead;

/** The messages the client sends to set a reader up, and the decoding of its tag reports. */
public final class LlrpSpecs {
    /** Our ROSpec's id on every reader. */
    public static final int ROSPEC_ID = 7;

    private LlrpSpecs() {
    }

    /** Keepalives every {@code keepaliveMs}, so a silent link is noticed; nothing else changed. */
    public static SET_READER_CONFIG readerConfig(int keepaliveMs) {
        SET_READER_CONFIG m = new SET_READER_CONFIG();
        m.setResetToFactoryDefault(new Bit(0));
        KeepaliveSpec k = new KeepaliveSpec();
        k.setKeepaliveTriggerType(new KeepaliveTriggerType(KeepaliveTriggerType.Periodic));
        k.setPeriodicTriggerValue(new UnsignedInteger(keepaliveMs));
        m.setKeepaliveSpec(k);
        return m;
    }

    public static DELETE_ROSPEC deleteAll() {
        DELETE_ROSPEC m = new DELETE_ROSPEC();
        m.setROSpecID(new UnsignedInteger(0));
        return m;
    }

    /**
     * Inventory on every antenna, Gen2, started at once and never stopped; a report every
     * {@code reportEvery} tags (or at the end), with antenna, peak RSSI and first-seen time.
     */
    public static ADD_ROSPEC addRoSpec(int reportEvery) {
        ROSpec spec = new ROSpec();
        spec.setROSpecID(new UnsignedInteger(ROSPEC_ID));
        spec.setPriority(new UnsignedByte(0));
        spec.setCurrentState(new ROSpecState(ROSpecState.Disabled));
        ROBoundarySpec boundary = new ROBoundarySpec();
        ROSpecStartTrigger start = new ROSpecStartTrigger();
        start.setROSpecStartTriggerType(new ROSpecStartTriggerType(ROSpecStartTriggerType.Immediate));
        boundary.setROSpecStartTrigger(start);
        ROSpecStopTrigger stop = new ROSpecStopTrigger();
        stop.setROSpecStopTriggerType(new ROSpecStopTriggerType(ROSpecStopTriggerType.Null));
        stop.setDurationTriggerValue(new UnsignedInteger(0));
        boundary.setROSpecStopTrigger(stop);
        spec.setROBoundarySpec(boundary);

        AISpec ai = new AISpec();
        UnsignedShortArray antennas = new UnsignedShortArray();
        antennas.add(new UnsignedShort(0)); // 0: every antenna
        ai.setAntennaIDs(antennas);
        AISpecStopTrigger aiStop = new AISpecStopTrigger();
        aiStop.setAISpecStopTriggerType(new AISpecStopTriggerType(AISpecStopTriggerType.Null));
        aiStop.setDurationTrigger(new UnsignedInteger(0));
        ai.setAISpecStopTrigger(aiStop);
        InventoryParameterSpec inventory = new InventoryParameterSpec();
        inventory.setInventoryParameterSpecID(new UnsignedShort(1));
        inventory.setProtocolID(new AirProtocols(AirProtocols.EPCGlobalClass1Gen2));
        ai.setInventoryParameterSpecList(List.of(inventory));
        List<SpecParameter> specs = new ArrayList<>();
        specs.add(ai);
        spec.setSpecParameterList(specs);

        ROReportSpec report = new ROReportSpec();
        report.setROReportTrigger(new ROReportTriggerType(ROReportTriggerType.Upon_N_Tags_Or_End_Of_ROSpec));
        report.setN(new UnsignedShort(reportEvery));
        TagReportContentSelector select = new TagReportContentSelector();
        select.setEnableROSpecID(new Bit(0));
        select.setEnableSpecIndex(new Bit(0));
        select.setEnableInventoryParameterSpecID(new Bit(0));
        select.setEnableAntennaID(new Bit(1));
        select.setEnableChannelIndex(new Bit(0));
        select.setEnablePeakRSSI(new Bit(1));
        select.setEnableFirstSeenTimestamp(new Bit(1));
        select.setEnableLastSeenTimestamp(new Bit(0));
        select.setEnableTagSeenCount(new Bit(0));
        select.setEnableAccessSpecID(new Bit(0));
        report.setTagReportContentSelector(select);
        spec.setROReportSpec(report);

        ADD_ROSPEC m = new ADD_ROSPEC();
        m.setROSpec(spec);
        return m;
    }

    public static ENABLE_ROSPEC enable() {
        ENABLE_ROSPEC m = new ENABLE_ROSPEC();
        m.setROSpecID(new UnsignedInteger(ROSPEC_ID));
        return m;
    }

    /** What a report holds, and how many of its entries could not be used (named in {@code problems}). */
    public record Decoded(List<TagRead> reads, List<String> problems) { }

    /**
     * The reads of a report. An entry without an EPC, antenna or RSSI, or with an EPC that is not whole
     * 16-bit words, is a problem, not a read; the rest of the report is kept.
     *
     * @param nowMs used when the reader did not say when it saw the tag
     */
    public static Decoded reads(String reader, RO_ACCESS_REPORT report, long nowMs) {
        List<TagRead> reads = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<TagReportData> data = report.getTagReportDataList();
        if (data == null) {
            return new Decoded(reads, problems);
        }
        for (TagReportData t : data) {
            try {
                EPCParameter p = t.getEPCParameter();
                String hex;
                if (p instanceof EPC_96 e96) {
                    hex = String.format("%24s", e96.getEPC().toString()).replace(' ', '0');
                } else if (p instanceof EPCData ed) {
                    hex = ed.getEPC().toString();
                } else {
                    throw new IllegalArgumentException("a tag report has no EPC");
                }
                if (t.getAntennaID() == null || t.getPeakRSSI() == null) {
                    throw new IllegalArgumentException("the report of tag " + hex + " has no antenna or RSSI: the reader ignored our ROSpec");
                }
                long at = t.getFirstSeenTimestampUTC() == null ? nowMs
                        : t.getFirstSeenTimestampUTC().getMicroseconds().toLong() / 1000;
                reads.add(new TagRead(reader, t.getAntennaID().getAntennaID().toInteger(), new Epc(hex),
                        t.getPeakRSSI().getPeakRSSI().intValue(), at));
            } catch (IllegalArgumentException | NullPointerException e) {
                problems.add(String.valueOf(e.getMessage()));
            }
        }
        return new Decoded(reads, problems);
    }
}
