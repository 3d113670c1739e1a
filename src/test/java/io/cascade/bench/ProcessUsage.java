package io.cascade.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time and resident memory of server processes, read from Linux's /proc, so the load client
 * can measure the server over exactly the seconds it holds its viewers.
 */
final class ProcessUsage {
    private final List<Long> pids;
    private final long ticksPerSecond;

    ProcessUsage(List<Long> pids, long ticksPerSecond) {
        this.pids = List.copyOf(pids);
        this.ticksPerSecond = ticksPerSecond;
    }

    boolean isEmpty() {
        return pids.isEmpty();
    }

    /** User plus system CPU time of all the processes (all their threads), in seconds. */
    double cpuSeconds() {
        long ticks = 0;
        for (long pid : pids) {
            String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name may hold spaces, so fields are counted after its closing parenthesis
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }
        return ticks / (double) ticksPerSecond;
    }

    /** Resident memory of all the processes, in MiB. */
    double rssMiB() {
        long kib = 0;
        for (long pid : pids) {
            for (String line : read(Path.of("/proc", Long.toString(pid), "status")).split("\n")) {
                if (line.startsWith("VmRSS:")) {
                    kib += Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        }
        return kib / 1024.0;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + p + " (did the server exit?)", e);
        }
    }
}
