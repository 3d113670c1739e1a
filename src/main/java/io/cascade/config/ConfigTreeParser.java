package io.cascade.config;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Turns tokens into a tree of {@link ConfigNode}s, knowing nothing of what directives mean.
 *
 * <p>Iterative with an explicit stack of open blocks, so that deeply nested garbage cannot
 * overflow the call stack. It recovers from every error (a missing {@code ;} or {@code }}, a
 * stray {@code }}) so that later errors are still reported.
 */
public final class ConfigTreeParser {

    private final ConfigErrors errors;
    private final List<ConfigNode> topLevel = new ArrayList<>();
    private final Deque<OpenBlock> open = new ArrayDeque<>();
    private Statement pending;

    private ConfigTreeParser(ConfigErrors errors) {
        this.errors = errors;
    }

    /** Parses text into its top-level directives. */
    public static List<ConfigNode> parse(String text, String fileName) throws ConfigException {
        ConfigErrors errors = new ConfigErrors();
        List<ConfigNode> nodes = parse(text, fileName, errors);
        errors.throwIfAny();
        return nodes;
    }

    static List<ConfigNode> parse(String text, String fileName, ConfigErrors errors) {
        return new ConfigTreeParser(errors).run(ConfigLexer.tokenize(text, fileName, errors));
    }

    private List<ConfigNode> run(List<Token> tokens) {
        for (Token token : tokens) {
            switch (token.kind()) {
                case WORD, STRING -> value(token);
                case SEMICOLON -> semicolon(token);
                case OPEN_BRACE -> openBlock(token);
                case CLOSE_BRACE -> closeBlock(token);
                case END -> end(token);
            }
        }
        return topLevel;
    }

    private void value(Token token) {
        if (pending == null) {
            pending = new Statement(token);
        } else {
            pending.add(token);
        }
    }

    private void semicolon(Token token) {
        if (pending == null) {
            errors.add(token.pos(), "unexpected ';' with no directive before it");
            return;
        }
        currentChildren().add(pending.toNode(List.of(), false));
        pending = null;
    }

    private void openBlock(Token token) {
        if (pending == null) {
            errors.add(token.pos(), "'{' with no directive name before it");
        }
        open.push(new OpenBlock(pending, token.pos()));
        pending = null;
    }

    private void closeBlock(Token token) {
        terminateMissingSemicolon(token);
        if (open.isEmpty()) {
            errors.add(token.pos(), "unexpected '}' with no open block");
            return;
        }
        closeInnermost();
    }

    private void end(Token token) {
        terminateMissingSemicolon(token);
        while (!open.isEmpty()) {
            OpenBlock block = open.peek();
            if (block.head != null) {
                errors.add(block.head.pos, "block '" + block.head.name + "' is not closed: the '{' at "
                        + block.brace.line() + ":" + block.brace.column() + " has no matching '}'");
            }
            closeInnermost();
        }
    }

    /** A directive cut short by '}' or the end of the file still counts, so it gets checked too. */
    private void terminateMissingSemicolon(Token token) {
        if (pending == null) {
            return;
        }
        errors.add(token.pos(), "missing ';' after directive '" + pending.name + "' before " + token.describe());
        currentChildren().add(pending.toNode(List.of(), false));
        pending = null;
    }

    private void closeInnermost() {
        OpenBlock block = open.pop();
        if (block.head != null) {
            currentChildren().add(block.head.toNode(block.children, true));
        }
    }

    private List<ConfigNode> currentChildren() {
        return open.isEmpty() ? topLevel : open.peek().children;
    }

    /** A directive being read: its name and the arguments seen so far. */
    private static final class Statement {
        final String name;
        final Position pos;
        final List<String> args = new ArrayList<>();
        final List<Position> argPositions = new ArrayList<>();

        Statement(Token name) {
            this.name = name.text();
            this.pos = name.pos();
        }

        void add(Token arg) {
            args.add(arg.text());
            argPositions.add(arg.pos());
        }

        ConfigNode toNode(List<ConfigNode> children, boolean block) {
            return new ConfigNode(name, args, children, block, pos, argPositions);
        }
    }

    /** A block whose '}' has not been seen yet; a null head is a '{' with no name, dropped on close. */
    private static final class OpenBlock {
        final Statement head;
        final Position brace;
        final List<ConfigNode> children = new ArrayList<>();

        OpenBlock(Statement head, Position brace) {
            this.head = head;
            this.brace = brace;
        }
    }
}
