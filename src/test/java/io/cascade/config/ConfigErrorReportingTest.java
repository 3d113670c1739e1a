package io.cascade.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigErrorReportingTest {

    private static List<String> errorsOf(String text) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(text, "c.conf"));
        assertThat(e).as("expected errors in:\n%s", text).isNotNull();
        return e.errors().stream().map(ConfigError::toString).toList();
    }

    @Test
    void unclosedBlockPointsAtItsName() {
        assertThat(errorsOf("http 80;\n  stream a {\n  input publish://;\n"))
                .containsExactly("c.conf:2:3: block 'stream' is not closed: the '{' at 2:12 has no matching '}'");
    }

    @Test
    void unclosedBlockFollowedByAnotherStreamPointsAtTheUnclosedOne() {
        String text = """
                stream a {
                  input publish://;
                stream b {
                  input publish://;
                }
                """;
        assertThat(errorsOf(text)).containsExactly(
                "c.conf:1:1: block 'stream' is not closed: the '{' at 1:10 has no matching '}'",
                "c.conf:3:1: 'stream' is not allowed inside a 'stream' block (is a '}' missing above?)");
    }

    @Test
    void unknownDirectiveSuggestsTheNearestKnownOne() {
        assertThat(errorsOf("stream a {\n  inptu publish://;\n  input publish://;\n}\n"))
                .containsExactly("c.conf:2:3: unknown directive 'inptu', did you mean 'input'?");
        assertThat(errorsOf("segment_duraton 3;"))
                .containsExactly("c.conf:1:1: unknown directive 'segment_duraton', did you mean 'segment_duration'?");
        assertThat(errorsOf("frobnicate 3;")).containsExactly("c.conf:1:1: unknown directive 'frobnicate'");
    }

    @Test
    void directiveInTheWrongPlaceSaysWhereItBelongs() {
        assertThat(errorsOf("input publish://;"))
                .containsExactly("c.conf:1:1: 'input' is not allowed at the top level; it belongs inside a 'stream' block");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http 0;|c.conf:1:6: invalid port '0': expected a number from 1 to 65535",
            "http 70000;|c.conf:1:6: invalid port '70000': expected a number from 1 to 65535",
            "rtmp abc;|c.conf:1:6: invalid port 'abc': expected a number from 1 to 65535",
            "rtsp   -1;|c.conf:1:8: invalid port '-1': expected a number from 1 to 65535",
            "source a:0;|c.conf:1:8: invalid address 'a:0': the port must be a number from 1 to 65535",
            "source a:80 b:abc;|c.conf:1:13: invalid address 'b:abc': the port must be a number from 1 to 65535"})
    void badPortsAreReportedAtTheArgument(String text, String error) {
        assertThat(errorsOf(text)).containsExactly(error);
    }

    @Test
    void portUsedTwiceIsReportedOnTheSecondListener() {
        assertThat(errorsOf("rtmp 1935;\nhttp 1935;"))
                .containsExactly("c.conf:2:6: port 1935 is already used by 'rtmp'");
    }

    @Test
    void badDvrDepthIsReportedAtTheDepth() {
        assertThat(errorsOf("stream a {\n  input publish://;\n  dvr /storage 2x;\n}"))
                .containsExactly("c.conf:3:16: invalid DVR depth '2x': expected a positive number with an optional"
                        + " unit d, h, m or s (like 2d, 12h, 30m, 3600s)");
    }

    @Test
    void badDvrLimitIsReportedAtTheLimit() {
        assertThat(errorsOf("source a {\n  dvr /storage 2d 150%;\n}"))
                .containsExactly("c.conf:2:19: invalid disk limit '150%': expected a percentage from 1% to 100%");
    }

    @Test
    void dvrWithTooManyOrTooFewArguments() {
        assertThat(errorsOf("source a {\n  dvr /storage 2d 97% replicate replicate_rate=1M extra;\n  dvr /storage;\n}")).containsExactly(
                "c.conf:2:51: unexpected argument 'extra' to 'dvr'; usage: dvr PATH DEPTH [LIMIT%] [replicate] [replicate_rate=SIZE];",
                "c.conf:3:3: 'dvr' is missing arguments; usage: dvr PATH DEPTH [LIMIT%] [replicate] [replicate_rate=SIZE];");
    }

    @Test
    void replicateBelongsInASourceBlockAndItsRateIsASize() {
        assertThat(errorsOf("stream s {\n  input publish://;\n  dvr /storage 2d replicate;\n}")).containsExactly(
                "c.conf:3:7: replicate copies a source's archive: it belongs in a source block");
        assertThat(errorsOf("source a {\n  dvr /storage 2d replicate_rate=fast;\n}")).containsExactly(
                "c.conf:2:19: invalid size 'fast': expected a positive number of bytes with an optional unit K, M or G (like 256M)");
        assertThat(errorsOf("dvr_cache 0;\n")).containsExactly(
                "c.conf:1:11: invalid size '0': expected a positive number of bytes with an optional unit K, M or G (like 256M)");
    }

    @Test
    void streamWithoutInput() {
        assertThat(errorsOf("\nstream lonely {\n  static;\n}"))
                .containsExactly("c.conf:2:1: stream 'lonely' has no input; add at least one 'input URL;'");
    }

    @Test
    void duplicateStreamIsReportedAtTheSecondName() {
        String text = "stream a { input publish://; }\nstream  a { input file://x.mp4; }\n";
        assertThat(errorsOf(text)).containsExactly("c.conf:2:9: duplicate stream 'a'; already defined at 1:1");
    }

    @Test
    void missingSemicolonBeforeClosingBrace() {
        assertThat(errorsOf("stream a {\n  input publish://\n}\n"))
                .containsExactly("c.conf:3:1: missing ';' after directive 'input' before '}'");
    }

    @Test
    void missingSemicolonAtEndOfLineBeforeAnotherDirective() {
        assertThat(errorsOf("http 8081\nrtmp 1935;\n"))
                .containsExactly("c.conf:2:1: missing ';' after directive 'http' before 'rtmp'");
    }

    @Test
    void missingSemicolonIsRepairedSoTheRestIsStillChecked() {
        assertThat(errorsOf("segments 10\nhttp 0;\n")).containsExactly(
                "c.conf:2:1: missing ';' after directive 'segments' before 'http'",
                "c.conf:2:6: invalid port '0': expected a number from 1 to 65535");
    }

    @Test
    void missingSemicolonBeforeABlockOrInsideOne() {
        assertThat(errorsOf("segments 10\nstream a {\n  input publish://\n  static;\n}\n")).containsExactly(
                "c.conf:2:1: missing ';' after directive 'segments' before 'stream'",
                "c.conf:4:3: missing ';' after directive 'input' before 'static'");
    }

    @Test
    void argumentsMaySpanLinesWhenTheyAreNotKeywords() throws ConfigException {
        ServerConfig config = ConfigLoader.parse("source a {\n  only x\n       y;\n}", "c.conf");
        assertThat(config.sources().get(0).only()).containsExactly("x", "y");
    }

    @Test
    void missingSemicolonAtEndOfFile() {
        assertThat(errorsOf("http 8081")).containsExactly("c.conf:1:10: missing ';' after directive 'http' before end of file");
    }

    @Test
    void severalErrorsInOneFileAreAllReportedInFileOrder() {
        String text = """
                http 0;
                segment_duration 0;
                segments 2;
                stream a {
                  inptu publish://;
                  static;
                  ondemand;
                }
                stream /abs { input publish://; }
                stream b { input ftp://x; input rtmp://y nokey; }
                source x:1 {
                  only bad?pattern;
                }
                }
                """;
        assertThat(errorsOf(text)).containsExactly(
                "c.conf:1:6: invalid port '0': expected a number from 1 to 65535",
                "c.conf:2:18: invalid duration '0': expected seconds greater than 0 and at most 60",
                "c.conf:3:10: invalid number '2': expected a whole number from 3 to 10000",
                "c.conf:5:3: unknown directive 'inptu', did you mean 'input'?",
                "c.conf:7:3: 'ondemand' contradicts 'static' at 6:3; a stream is either static or ondemand",
                "c.conf:9:8: invalid stream name '/abs': must not start with '/'",
                "c.conf:10:18: unsupported input scheme 'ftp'; expected one of publish, file, rtmp, rtsp, tshttp, udp, hls, m4f",
                "c.conf:10:42: invalid input option 'nokey': expected key=value",
                "c.conf:12:8: invalid stream name pattern 'bad?pattern': only letters, digits, '_', '.', '/', '-'"
                        + " and the wildcard '*' are allowed",
                "c.conf:14:1: unexpected '}' with no open block");
    }

    @Test
    void exceptionMessageHasOneErrorPerLine() {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.parse("http 0;\nrtmp 0;\n", "c.conf"));
        assertThat(e.getMessage()).isEqualTo("c.conf:1:6: invalid port '0': expected a number from 1 to 65535\n"
                + "c.conf:2:6: invalid port '0': expected a number from 1 to 65535");
    }

    @Test
    void duplicateSingleValuedDirective() {
        assertThat(errorsOf("http 80;\nhttp 81;")).containsExactly("c.conf:2:1: duplicate 'http'; already given at 1:1");
    }

    @Test
    void blockShapeErrors() {
        assertThat(errorsOf("http 80 { }\nstream a;\n")).containsExactly(
                "c.conf:1:1: 'http' does not take a block; usage: http PORT;",
                "c.conf:2:1: 'stream' needs a block; usage: stream NAME { ... }");
    }

    @Test
    void inputSchemeTypoGetsASuggestion() {
        assertThat(errorsOf("stream a { input rtpm://x; }"))
                .containsExactly("c.conf:1:18: unsupported input scheme 'rtpm', did you mean 'rtmp'?");
    }

    @Test
    void inputWithoutSchemeOrTarget() {
        assertThat(errorsOf("stream a { input x.mp4; }\nstream b { input file://; }")).containsExactly(
                "c.conf:1:18: input URL 'x.mp4' has no scheme; expected one of publish://, file://, rtmp://,"
                        + " rtsp://, tshttp://, udp://, hls://, m4f://",
                "c.conf:2:18: input URL 'file://' has nothing after 'file://'");
    }

    @Test
    void streamNameRules() {
        assertThat(errorsOf("stream a/../b { input publish://; }\nstream a*b { input publish://; }")).containsExactly(
                "c.conf:1:8: invalid stream name 'a/../b': must not contain '..'",
                "c.conf:2:8: invalid stream name 'a*b': only letters, digits, '_', '.', '/' and '-' are allowed");
    }

    @Test
    void segmentDurationBounds() throws ConfigException {
        assertThat(ConfigLoader.parse("segment_duration 60;", "c.conf").segmentDuration()).isEqualTo(60.0);
        assertThat(ConfigLoader.parse("segment_duration 0.5;", "c.conf").segmentDuration()).isEqualTo(0.5);
        assertThat(errorsOf("segment_duration 60.5;")).hasSize(1);
        assertThat(errorsOf("segment_duration 1e3;")).hasSize(1);
        assertThat(errorsOf("stream a { input publish://; segment_duration 61; }"))
                .containsExactly("c.conf:1:47: invalid duration '61': expected seconds greater than 0 and at most 60");
    }

    @Test
    void garbageNeverHangsAndIsCapped() {
        byte[] noise = new byte[200_000];
        new java.util.Random(42).nextBytes(noise);
        String text = new String(noise, java.nio.charset.StandardCharsets.ISO_8859_1);
        List<String> errors = errorsOf(text);
        assertThat(errors).hasSizeLessThanOrEqualTo(ConfigErrors.LIMIT + 1);
    }

    @Test
    void deeplyNestedBlocksDoNotOverflowTheStack() {
        String text = "a {".repeat(100_000);
        assertThat(errorsOf(text)).isNotEmpty();
    }
}
