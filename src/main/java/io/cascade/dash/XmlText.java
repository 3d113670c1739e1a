package io.cascade.dash;

/** A small indenting XML writer; enough for manifests, with attribute values always escaped. */
final class XmlText {
    private final StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    private int depth;
    private boolean tagOpen;

    XmlText open(String name) {
        closeStartTag(">\n");
        out.append("  ".repeat(depth)).append('<').append(name);
        tagOpen = true;
        depth++;
        return this;
    }

    XmlText attribute(String name, Object value) {
        if (!tagOpen) {
            throw new IllegalStateException("attribute " + name + " outside a start tag");
        }
        out.append(' ').append(name).append("=\"").append(escape(String.valueOf(value))).append('"');
        return this;
    }

    /** Closes the innermost element, as an empty-element tag when it has no children. */
    XmlText close(String name) {
        depth--;
        if (tagOpen) {
            out.append("/>\n");
            tagOpen = false;
        } else {
            out.append("  ".repeat(depth)).append("</").append(name).append(">\n");
        }
        return this;
    }

    @Override
    public String toString() {
        if (depth != 0) {
            throw new IllegalStateException(depth + " elements left open");
        }
        return out.toString();
    }

    private void closeStartTag(String end) {
        if (tagOpen) {
            out.append(end);
            tagOpen = false;
        }
    }

    static String escape(String value) {
        StringBuilder b = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                case '\t', '\n', '\r' -> b.append("&#").append((int) c).append(';');
                default -> {
                    // XML 1.0 has no way to carry other control characters, escaped or not.
                    if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) {
                        throw new IllegalArgumentException("character U+" + Integer.toHexString(c)
                                + " cannot appear in XML");
                    }
                    b.append(c);
                }
            }
        }
        return b.toString();
    }
}
