package io.cascade.net;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionGateTest {
    /** A connection from {@code host}, through the gate. */
    private static EmbeddedChannel from(String host, ConnectionGate gate) {
        InetSocketAddress remote = new InetSocketAddress(host, 40000);
        return new EmbeddedChannel(gate) {
            @Override
            protected SocketAddress remoteAddress0() {
                return remote;
            }
        };
    }

    @Test
    void anIpv6ClientCountsByItsSlash64() throws Exception {
        ConnectionGate gate = new ConnectionGate(new ConnectionGate.Limits(10, 1));
        EmbeddedChannel first = from("2001:db8::1", gate);
        EmbeddedChannel sameBlock = from("2001:db8::2", gate);
        EmbeddedChannel otherBlock = from("2001:db8:0:1::1", gate);
        assertThat(first.isOpen()).isTrue();
        assertThat(sameBlock.isOpen()).as("another address of the same /64").isFalse();
        assertThat(otherBlock.isOpen()).isTrue();
        assertThat(gate.open()).isEqualTo(2);
        assertThat(gate.open(InetAddress.getByName("2001:db8::ffff"))).isEqualTo(1);
        first.close();
        assertThat(gate.open()).isEqualTo(1);
        assertThat(from("2001:db8::3", gate).isOpen()).as("once the first has gone").isTrue();
    }

    @Test
    void theGateLeavesThePipelineOfAnAdmittedConnection() {
        ConnectionGate gate = new ConnectionGate(new ConnectionGate.Limits(10, 10));
        EmbeddedChannel ch = from("192.0.2.1", gate);
        assertThat(ch.pipeline().get(ConnectionGate.class)).isNull();
        assertThat(gate.open(InetAddress.getLoopbackAddress())).isZero();
        ch.close();
        assertThat(gate.open()).isZero();
    }

    @Test
    void aFloodOfRefusalsLogsOneLinePerIntervalWithTheCountOfTheRest() {
        Logger logger = (Logger) LoggerFactory.getLogger("test.ratelimited");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        AtomicLong now = new AtomicLong();
        RateLimitedLog log = new RateLimitedLog(logger, 1000, now::get);
        for (int i = 0; i < 50; i++) {
            log.warn("refused " + i);
        }
        now.addAndGet(1_000_000_000L);
        log.warn("refused again");
        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("refused 0", "refused again (and 49 more like it not logged)");
        logger.detachAppender(lines);
    }
}
