package io.cascade.config;

/** One lexical unit of a configuration file, with where it starts. */
record Token(Kind kind, String text, Position pos) {

    enum Kind { WORD, STRING, SEMICOLON, OPEN_BRACE, CLOSE_BRACE, END }

    boolean isValue() {
        return kind == Kind.WORD || kind == Kind.STRING;
    }

    /** How the token reads in an error message. */
    String describe() {
        return switch (kind) {
            case WORD -> "'" + text + "'";
            case STRING -> "\"" + text + "\"";
            case SEMICOLON -> "';'";
            case OPEN_BRACE -> "'{'";
            case CLOSE_BRACE -> "'}'";
            case END -> "end of file";
        };
    }
}
