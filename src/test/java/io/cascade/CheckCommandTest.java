package io.cascade;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code cascade --check FILE}: exit 0 for a valid config, 1 with FILE:LINE:COL lines otherwise. */
class CheckCommandTest {
    @TempDir
    Path dir;

    private record Outcome(int exit, String out, String err) {
    }

    private Outcome check(Path file) {
        Main main = new Main();
        new CommandLine(main).parseArgs("--check", file.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = main.check(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aValidConfigPasses() throws Exception {
        Path f = dir.resolve("ok.conf");
        Files.writeString(f, "http 8081;\ncluster_key abcd;\nsource a:80 b:80 { only news/*; except news/x; dvr /s 2d 97%; }\n"
                + "stream demo { input file://x.mp4; }\n");
        Outcome o = check(f);
        assertThat(o.exit()).isZero();
        assertThat(o.out()).contains("OK");
    }

    @Test
    void everyErrorIsReportedWithFileLineAndColumn() throws Exception {
        Path f = dir.resolve("bad.conf");
        Files.writeString(f, "http 70000;\nstream a {\n  inptu file://x.mp4;\n  dvr /s 2x;\n}\nstream b {\n");
        Outcome o = check(f);
        assertThat(o.exit()).isEqualTo(1);
        String name = f.toString();
        assertThat(o.err()).contains(name + ":1:6:")
                .contains(name + ":3:3:").contains("did you mean 'input'")
                .contains(name + ":4:10:")
                .contains(name + ":6:");
        assertThat(o.err().lines().filter(l -> l.startsWith(name + ":")).count()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void aMissingInputFileIsAWarningWithItsPositionAndStillPasses() throws Exception {
        Path f = dir.resolve("warn.conf");
        Files.writeString(f, "stream demo {\n  input file://nowhere.mp4;\n}\n");
        Outcome o = check(f);
        assertThat(o.exit()).isZero();
        assertThat(o.out()).contains("OK (1 warning)");
        assertThat(o.err()).startsWith(f + ":2:9: warning: input file 'nowhere.mp4' does not exist");
    }

    @Test
    void aMissingFileIsAClearError() {
        Outcome o = check(dir.resolve("nope.conf"));
        assertThat(o.exit()).isEqualTo(1);
        assertThat(o.err()).contains("nope.conf");
    }
}
