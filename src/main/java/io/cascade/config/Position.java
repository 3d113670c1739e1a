package io.cascade.config;

import java.util.Comparator;
import java.util.Objects;

/**
 * A place in a configuration file.
 *
 * @param file   the file name as given to the loader
 * @param line   1-based line
 * @param column 1-based column, counted in characters
 */
public record Position(String file, int line, int column) implements Comparable<Position> {

    private static final Comparator<Position> ORDER = Comparator.comparing(Position::file)
            .thenComparingInt(Position::line)
            .thenComparingInt(Position::column);

    public Position {
        Objects.requireNonNull(file, "file");
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
        }
    }

    @Override
    public int compareTo(Position other) {
        return ORDER.compare(this, other);
    }

    /** The form editors and compilers use, so that tools can jump to it. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
