package io.cascade.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PushConfigTest {

    @Test
    void aStreamHasItsPushesInTheOrderWritten() throws Exception {
        ServerConfig c = ConfigLoader.parse("""
                stream news {
                  input publish://;
                  push udp://239.1.1.1:1234;
                  push udp://127.0.0.1:5000?ttl=4&multicast_loop=0&iface=lo;
                  push "udp://[ff05::1]:6000?iface=eth0";
                }
                stream quiet { input publish://; }
                """, "a.conf");
        List<PushConfig> pushes = c.streams().getFirst().pushes();
        assertThat(pushes).containsExactly(
                new PushConfig("udp://239.1.1.1:1234", "239.1.1.1", 1234, OptionalInt.empty(), true, Optional.empty()),
                new PushConfig("udp://127.0.0.1:5000?ttl=4&multicast_loop=0&iface=lo", "127.0.0.1", 5000,
                        OptionalInt.of(4), false, Optional.of("lo")),
                new PushConfig("udp://[ff05::1]:6000?iface=eth0", "ff05::1", 6000, OptionalInt.empty(), true,
                        Optional.of("eth0")));
        assertThat(c.streams().get(1).pushes()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "push rtp://1.2.3.4:5;|unsupported push scheme 'rtp'",
            "push 1.2.3.4:5;|must look like udp://HOST:PORT",
            "push udp://1.2.3.4;|has no port",
            "push udp://1.2.3.4:0;|invalid address",
            "push udp://1.2.3.4:99999;|invalid address",
            "push udp://1.2.3.4:5?ttl=256;|invalid ttl '256'",
            "push udp://1.2.3.4:5?ttl=x;|invalid ttl 'x'",
            "push udp://1.2.3.4:5?multicast_loop=2;|invalid multicast_loop '2'",
            "push udp://1.2.3.4:5?tll=2;|unknown push option 'tll', did you mean 'ttl'?",
            "push udp://1.2.3.4:5?ttl=1&ttl=2;|duplicate push option 'ttl'",
            "push udp://1.2.3.4:5?iface;|needs a value",
            "push udp://1.2.3.4:5?iface=a/b;|invalid iface",
    })
    void aBadPushIsAnErrorAtItsArgument(String directive, String message) {
        assertThatThrownBy(() -> ConfigLoader.parse("stream a {\n  input publish://;\n  " + directive + "\n}\n", "a.conf"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("a.conf:3:8: ").hasMessageContaining(message);
    }

    @Test
    void pushBelongsInAStream() {
        assertThatThrownBy(() -> ConfigLoader.parse("push udp://1.2.3.4:5;", "a.conf"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("a.conf:1:1").hasMessageContaining("'push'");
        assertThatThrownBy(() -> ConfigLoader.parse("stream a { input publish://; push; }", "a.conf"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("usage: push udp://HOST:PORT");
    }
}
