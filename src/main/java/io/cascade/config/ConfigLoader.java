package io.cascade.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Loads a configuration file into a validated {@link ServerConfig}. */
public final class ConfigLoader {

    /** Far above any real configuration; stops a wrong path (a video, a disk image) from exhausting memory. */
    public static final int MAX_FILE_BYTES = 16 * 1024 * 1024;

    private ConfigLoader() {
    }

    /** Reads a UTF-8 file; positions in errors name the file as given. */
    public static ServerConfig load(Path file) throws ConfigException, IOException {
        return parse(readText(file), file.toString());
    }

    /** A valid config and what {@code --check} warns about in it. */
    public record Checked(ServerConfig config, List<ConfigError> warnings) {
        public Checked {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * Loads a file as {@link #load} does, and also warns about what is valid but will not work
     * as written (an input file that does not exist), each warning at its FILE:LINE:COL.
     */
    public static Checked check(Path file) throws ConfigException, IOException {
        String text = readText(file);
        ServerConfig config = parse(text, file.toString());
        List<ConfigNode> nodes = ConfigTreeParser.parse(text, file.toString());
        Path baseDir = file.toAbsolutePath().getParent();
        return new Checked(config, MissingInputFiles.find(nodes, baseDir));
    }

    /** Parses configuration text; {@code fileName} is only used in error positions. */
    public static ServerConfig parse(String text, String fileName) throws ConfigException {
        ConfigErrors errors = new ConfigErrors();
        List<ConfigNode> nodes = ConfigTreeParser.parse(text, fileName, errors);
        ServerConfig config = ServerConfigReader.read(nodes, errors);
        errors.throwIfAny();
        return config;
    }

    private static String readText(Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw new IOException(file + ": larger than " + MAX_FILE_BYTES + " bytes; is this a configuration file?");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IOException(file + ": not valid UTF-8 text", e);
        }
    }
}
