package io.cascade.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade.config.ConfigLoader;
import io.cascade.http.TestReplies;
import io.cascade.input.InputFactory;
import io.cascade.stream.LiveStream;
import io.cascade.stream.StreamRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The v2 stream list channel: a hello, then the list as L messages and pings, every one with its MAC. */
class StreamListFeedTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StreamRegistry registry = new StreamRegistry(60_000);
    private final StreamListFeed feed = new StreamListFeed(registry);
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final WrittenMessages written = new WrittenMessages(channel);

    @AfterEach
    void close() {
        feed.close();
        registry.close();
    }

    private void add(String name) throws Exception {
        var cfg = ConfigLoader.parse("stream " + name + " { input file://none.mp4; ondemand; }", "t").streams().get(0);
        registry.add(new LiveStream(cfg, 1, 3, new InputFactory(Path.of("."))));
    }

    /** Messages until {@code want} have come (at most 3 s), as "H", "P" or "L:names". */
    private List<String> read(int want) throws Exception {
        List<String> out = new ArrayList<>();
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (out.size() < want && System.nanoTime() < deadline) {
            List<M4fMessage> got = written.next();
            for (M4fMessage m : got) {
                out.add(m.type() == 'L' ? "L:" + JSON.readTree(m.payload()).path("streams").findValuesAsText("name") : String.valueOf(m.type()));
            }
            if (got.isEmpty()) {
                Thread.sleep(20);
            }
        }
        return out;
    }

    @Test
    void helloThenTheListThenEachChangeAndPingsAllVerified() throws Exception {
        add("a");
        Thread.sleep(3 * StreamListFeed.CHECK_MILLIS);
        feed.subscribe(TestReplies.on(channel), new M4fEncoder(WrittenMessages.SESSION), M4fMessage.hello("{\"version\":2}"));
        assertThat(read(2)).containsExactly("H", "L:[a]");

        add("b");
        List<String> next = read(8);
        assertThat(next).contains("L:[a, b]", "P");
        assertThat(next.stream().filter(m -> !m.equals("P")).toList()).as("lists: only the changed one").containsExactly("L:[a, b]");
    }
}
