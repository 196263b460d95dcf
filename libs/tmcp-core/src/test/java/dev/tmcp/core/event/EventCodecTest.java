package dev.tmcp.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.core.event.p2p.P2pTransferCompleted;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    @Test
    void envelopeRoundTripsWithSnakeCaseDataAndExactAmounts() {
        P2pTransferCompleted data = new P2pTransferCompleted("p2p_1", new BigDecimal("25.00"), "USD",
                new P2pTransferCompleted.Party("@a:x", "tw_a"), new P2pTransferCompleted.Party("@b:x", "tw_b"),
                "!r:x", "completed", false, null, "2026-01-01T00:00:00Z");
        EventEnvelope envelope = EventCodec.envelope(P2pTransferCompleted.TYPE, "payment-service", "p2p_1", data);

        String json = EventCodec.write(envelope);
        EventEnvelope read = EventCodec.read(json);

        assertThat(json).contains("\"specversion\":\"1.0\"").contains("\"transfer_id\":\"p2p_1\"").contains("\"amount\":25.00");
        assertThat(read.id()).startsWith("evt_").isEqualTo(envelope.id());
        assertThat(read.subject()).isEqualTo("p2p_1");
        assertThat(EventCodec.data(read, P2pTransferCompleted.class)).isEqualTo(data);
    }
}
