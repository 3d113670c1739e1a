package io.cascade.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits configuration text into tokens: bare words, double-quoted strings (with {@code \"} and
 * {@code \\} escapes), {@code ;}, {@code {}, {@code }}; {@code #} starts a comment to the end of
 * the line. The token list always ends with an {@link Token.Kind#END} token.
 */
final class ConfigLexer {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final String text;
    private final String file;
    private final ConfigErrors errors;
    private final List<Token> tokens = new ArrayList<>();
    private int index;
    private int line = 1;
    private int column = 1;

    private ConfigLexer(String text, String file, ConfigErrors errors) {
        this.text = text;
        this.file = file;
        this.errors = errors;
    }

    static List<Token> tokenize(String text, String file, ConfigErrors errors) {
        return new ConfigLexer(text, file, errors).run();
    }

    private List<Token> run() {
        if (!text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK) {
            index = 1;
        }
        while (true) {
            skipBlanksAndComments();
            Position start = position();
            if (atEnd()) {
                tokens.add(new Token(Token.Kind.END, "", start));
                return tokens;
            }
            char c = text.charAt(index);
            switch (c) {
                case ';' -> single(Token.Kind.SEMICOLON, start);
                case '{' -> single(Token.Kind.OPEN_BRACE, start);
                case '}' -> single(Token.Kind.CLOSE_BRACE, start);
                case '"' -> quoted(start);
                default -> word(start);
            }
        }
    }

    private void skipBlanksAndComments() {
        while (!atEnd()) {
            char c = text.charAt(index);
            if (c == '#') {
                while (!atEnd() && text.charAt(index) != '\n') {
                    advance();
                }
            } else if (Character.isWhitespace(c)) {
                advance();
            } else {
                return;
            }
        }
    }

    private void single(Token.Kind kind, Position start) {
        tokens.add(new Token(kind, String.valueOf(text.charAt(index)), start));
        advance();
    }

    private void word(Position start) {
        int from = index;
        while (!atEnd() && isWordChar(text.charAt(index))) {
            advance();
        }
        tokens.add(new Token(Token.Kind.WORD, text.substring(from, index), start));
    }

    private void quoted(Position start) {
        advance();
        StringBuilder value = new StringBuilder();
        while (!atEnd() && text.charAt(index) != '"') {
            char c = text.charAt(index);
            if (c == '\\') {
                escape(value);
            } else {
                value.append(c);
                advance();
            }
        }
        if (atEnd()) {
            errors.add(start, "unterminated string: missing closing '\"'");
        } else {
            advance();
        }
        tokens.add(new Token(Token.Kind.STRING, value.toString(), start));
    }

    private void escape(StringBuilder value) {
        Position at = position();
        advance();
        if (atEnd()) {
            return;
        }
        char escaped = text.charAt(index);
        if (escaped == '"' || escaped == '\\') {
            value.append(escaped);
        } else {
            errors.add(at, "unsupported escape '\\" + escaped + "' in string: only \\\" and \\\\ are allowed");
            value.append('\\').append(escaped);
        }
        advance();
    }

    private static boolean isWordChar(char c) {
        return !Character.isWhitespace(c) && c != ';' && c != '{' && c != '}' && c != '#' && c != '"';
    }

    private boolean atEnd() {
        return index >= text.length();
    }

    private Position position() {
        return new Position(file, line, column);
    }

    private void advance() {
        if (text.charAt(index) == '\n') {
            line++;
            column = 1;
        } else if (!Character.isLowSurrogate(text.charAt(index))) {
            column++;
        }
        index++;
    }
}
