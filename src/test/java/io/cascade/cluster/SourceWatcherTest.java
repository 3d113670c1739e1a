package io.cascade.cluster;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SourceWatcherTest {
    @Test
    void aListKeepsUsableNamesAndReportsTheOthers() throws Exception {
        String json = """
                {"type":"streams","streams":[
                  {"name":"news/one","static":true,"alive":true},
                  {"name":"bad\\u0000name","static":true,"alive":true},
                  {"name":"../../etc","static":false,"alive":true},
                  {"name":"line\\nbreak"},
                  {"static":true},
                  {"name":"lazy","static":false,"alive":false,"unknown":1}
                ]}""";
        List<String> refused = new ArrayList<>();

        List<RemoteStream> list = SourceWatcher.parse(json.getBytes(StandardCharsets.UTF_8), refused::add);

        assertThat(list).containsExactly(new RemoteStream("news/one", true, true), new RemoteStream("lazy", false, false));
        assertThat(refused).containsExactly("bad\u0000name", "../../etc", "line\nbreak");
    }
}
