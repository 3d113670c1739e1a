package io.cascade.rtsp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The header fields of one RTSP message, in order, names matched without regard to case. */
public final class RtspHeaders {
    private final List<String[]> fields = new ArrayList<>();

    public RtspHeaders add(String name, Object value) {
        fields.add(new String[]{name, String.valueOf(value)});
        return this;
    }

    /** The first value of {@code name}. */
    public Optional<String> get(String name) {
        for (String[] f : fields) {
            if (f[0].equalsIgnoreCase(name)) {
                return Optional.of(f[1]);
            }
        }
        return Optional.empty();
    }

    public boolean contains(String name) {
        return get(name).isPresent();
    }

    public int size() {
        return fields.size();
    }

    /** The fields as name/value pairs, in order. */
    public List<String[]> fields() {
        return fields.stream().map(String[]::clone).toList();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        fields.forEach(f -> b.append(f[0]).append(": ").append(f[1]).append("\r\n"));
        return b.toString();
    }
}
