package io.cascade.config;

import java.util.Arrays;
import java.util.List;

/** The places a directive can appear in. */
enum BlockKind {
    TOP("at the top level"),
    STREAM("inside a 'stream' block"),
    SOURCE("inside a 'source' block");

    private final String where;

    BlockKind(String where) {
        this.where = where;
    }

    /** Reads as the tail of "'x' is not allowed ...". */
    String where() {
        return where;
    }

    List<String> directiveNames() {
        return Arrays.stream(Directive.values())
                .filter(d -> d.allowedIn(this))
                .map(Directive::keyword)
                .toList();
    }
}
