package io.cascade.bench;

import java.net.URI;
import java.util.Arrays;
import java.util.List;

/**
 * The command line every viewer load client takes:
 * {@code URL VIEWERS HOLD_SECONDS [--pids P1,P2] [--label NAME] [--rate CONNECTS_PER_SECOND]
 * [--threads N] [--ticks CLK_TCK]}.
 *
 * @param server the server's processes, measured over the hold (none: not measured)
 * @param rate   new connections a second
 */
record LoadArguments(URI url, int viewers, int holdSeconds, ProcessUsage server, String label, int rate,
                     int threads) {
    static final String USAGE = "URL VIEWERS HOLD_SECONDS [--pids P1,P2] [--label NAME]"
            + " [--rate CONNECTS_PER_SECOND] [--threads N] [--ticks CLK_TCK]";
    private static final int POSITIONAL = 3;

    /** The arguments, or the usage on stderr and exit 2 when they are too few. */
    static LoadArguments parse(String client, String label, String[] args) {
        if (args.length < POSITIONAL) {
            System.err.println("usage: " + client + " " + USAGE);
            System.exit(2);
        }
        String pids = option(args, "--pids", "");
        List<Long> processes = pids.isEmpty() ? List.of() : Arrays.stream(pids.split(",")).map(Long::parseLong).toList();
        return new LoadArguments(URI.create(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                new ProcessUsage(processes, Long.parseLong(option(args, "--ticks", "100"))),
                option(args, "--label", label), Integer.parseInt(option(args, "--rate", "250")),
                Integer.parseInt(option(args, "--threads", "1")));
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = POSITIONAL; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    /** The URL's port, or {@code fallback} (the protocol's) when it names none. */
    int port(int fallback) {
        return url.getPort() > 0 ? url.getPort() : fallback;
    }
}
