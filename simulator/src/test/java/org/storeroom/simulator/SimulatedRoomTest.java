package org.storeroom.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.junit.jupiter.api.Test;
import org.storeroom.bus.BusCodec;
import org.storeroom.bus.BusNetwork;
import org.storeroom.bus.ColumnState;

class SimulatedRoomTest {
    @Test
    void everyColumnOfTheDemoRoomAnswersOnItsOwnLoopbackAddress() throws Exception {
        try (SimulatedRoom room = SimulatedRoom.start(new RoomLayout(45, 0))) {
            CoapEndpoint ep = new CoapEndpoint.Builder().setConfiguration(BusNetwork.lan()).build();
            try {
                String[] entries = room.columnNodesConfig();
                assertThat(entries).hasSize(45);
                for (int c = 1; c <= 45; c++) {
                    assertThat(entries[c - 1]).startsWith(c + "=coap://127.0.1." + c + ":");
                    CoapClient client = new CoapClient(entries[c - 1].substring(entries[c - 1].indexOf('=') + 1) + "/state");
                    client.setEndpoint(ep);
                    client.setTimeout(5000L);
                    CoapResponse r = client.get();
                    assertThat(r.getCode()).isEqualTo(ResponseCode.CONTENT);
                    ColumnState s = BusCodec.get().decode(r.getPayload(), BusCodec.JSON, ColumnState.class);
                    assertThat(s.column()).isEqualTo(c);
                    assertThat(s.latchedStop()).as("a healthy simulated room starts unlatched").isNull();
                }
            } finally {
                ep.destroy();
            }
        }
    }

    @Test
    void shouldNameTheNodeWhoseAddressIsTaken() {
        try (SimulatedRoom first = SimulatedRoom.start(new RoomLayout(2, 0))) {
            int port = first.column(2).server().boundAddress().getPort();
            assertThatThrownBy(() -> SimulatedRoom.start(new RoomLayout(2, port)))
                    .hasMessageContaining("column node 2 cannot listen on /127.0.1.2:" + port);
        }
    }
}
