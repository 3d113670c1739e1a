package io.cascade;

import io.cascade.config.ConfigError;
import io.cascade.config.ConfigException;
import io.cascade.config.ConfigLoader;
import io.cascade.config.ServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** The command line: run a config (or the built-in demo), or check a config. */
@Command(name = "cascade", mixinStandardHelpOptions = true, version = "Cascade 0.1",
        description = "Live-video media server with cluster restreaming.")
public final class Main implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(Main.class);

    @Parameters(arity = "0..1", paramLabel = "CONFIG", description = "config file; without one, the built-in demo runs")
    Path configFile;

    @Option(names = "--check", description = "validate the config file and exit: 0 when valid (warnings, such as a"
            + " missing input file, as FILE:LINE:COL: warning: lines), 1 with FILE:LINE:COL messages otherwise")
    boolean check;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (check) {
            return check(System.out, System.err);
        }
        ServerConfig config;
        Path baseDir;
        if (configFile == null) {
            config = DemoConfig.create(8080);
            baseDir = Path.of("").toAbsolutePath();
        } else {
            try {
                config = ConfigLoader.load(configFile);
            } catch (ConfigException e) {
                printErrors(e, System.err);
                return 1;
            }
            baseDir = configFile.toAbsolutePath().getParent();
        }
        CascadeServer server = new CascadeServer(config, baseDir);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown"));
        for (String url : server.playbackUrls("127.0.0.1")) {
            log.info("play: {}", url);
        }
        log.info("API: http://127.0.0.1:{}/streamer/api/v3/streams", server.httpPort());
        new CountDownLatch(1).await();
        return 0;
    }

    int check(PrintStream out, PrintStream err) {
        if (configFile == null) {
            err.println("--check needs a config file");
            return 2;
        }
        try {
            ConfigLoader.Checked checked = ConfigLoader.check(configFile);
            checked.warnings().forEach(err::println);
            out.println(configFile + ": OK" + (checked.warnings().isEmpty() ? ""
                    : " (" + checked.warnings().size() + " warning" + (checked.warnings().size() == 1 ? ")" : "s)")));
            return 0;
        } catch (ConfigException e) {
            printErrors(e, err);
            return 1;
        } catch (java.io.IOException e) {
            err.println(configFile + ": cannot read: " + e.getMessage());
            return 1;
        }
    }

    private static void printErrors(ConfigException e, PrintStream err) {
        for (ConfigError error : e.errors()) {
            err.println(error);
        }
    }
}
