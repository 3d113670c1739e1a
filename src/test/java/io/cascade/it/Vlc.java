package io.cascade.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * VLC 3 ({@code cvlc}) playing a URL for a while without any output device, as an unprivileged
 * user (VLC refuses to run as root, which CI is: then it runs as {@code nobody} through
 * {@code setpriv}). A scene filter saves every 50th decoded picture, which proves that frames were
 * decoded and shown, not only downloaded.
 */
final class Vlc {
    static final int PICTURE_EVERY = 50;
    private static final int NOBODY = 65534;
    private static final Pattern PICTURE = Pattern.compile("f(\\d+)\\.png");
    private static final Pattern SEGMENT = Pattern.compile("Retrieving (\\S+\\.ts)");

    /**
     * What one run showed: its whole log, the segments it fetched, and the number of the last
     * picture the scene filter saved (the frames decoded, to within 50).
     */
    record Run(String log, List<String> segments, int framesDecoded) {
        List<String> linesWith(String text) {
            return log.lines().filter(l -> l.contains(text)).toList();
        }
    }

    private Vlc() {
    }

    static boolean installed() {
        return PlayerProcess.onPath("cvlc") && (!isRoot() || PlayerProcess.onPath("setpriv"));
    }

    static void requireInstalled() {
        PlayerProcess.require(PlayerProcess.onPath("cvlc"), "cvlc (Debian packages vlc-bin, vlc-plugin-base)");
        PlayerProcess.require(!isRoot() || PlayerProcess.onPath("setpriv"), "setpriv (util-linux), to run VLC as nobody");
    }

    /** {@link #play} on a thread of its own (the common pool may have a single thread). */
    static CompletableFuture<Run> playInBackground(String url, int seconds) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return play(url, seconds);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }, task -> Thread.ofVirtual().name("vlc").start(task));
    }

    static Run play(String url, int seconds) throws IOException, InterruptedException {
        Path home = Files.createTempDirectory("cascade-vlc");
        Path pictures = Files.createDirectory(home.resolve("pictures"));
        for (Path p : List.of(home, pictures)) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxrwxrwx")); // for nobody
        }
        List<String> command = new ArrayList<>();
        if (isRoot()) {
            command.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--"));
        }
        command.addAll(List.of("cvlc", "-vv", "--intf", "dummy", "--vout", "dummy", "--aout", "dummy",
                "--no-video-title-show", "--video-filter=scene", "--scene-format=png",
                "--scene-ratio=" + PICTURE_EVERY, "--scene-prefix=f", "--scene-path=" + pictures,
                "--run-time=" + seconds, "--play-and-exit", url, "vlc://quit"));
        try {
            Tools.Result r = PlayerProcess.run(Duration.ofSeconds(seconds + 30L),
                    Map.of("HOME", home.toString(), "XDG_CONFIG_HOME", home.resolve("config").toString(),
                            "XDG_CACHE_HOME", home.resolve("cache").toString(), "XDG_DATA_HOME", home.resolve("data").toString()),
                    command);
            String log = r.err() + r.out();
            return new Run(log, segments(log), highestPicture(pictures));
        } finally {
            try (var files = Files.walk(home)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static List<String> segments(String log) {
        List<String> out = new ArrayList<>();
        Matcher m = SEGMENT.matcher(log);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static int highestPicture(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> PICTURE.matcher(p.getFileName().toString())).filter(Matcher::matches)
                    .mapToInt(m -> Integer.parseInt(m.group(1))).max().orElse(0);
        }
    }

    private static boolean isRoot() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
