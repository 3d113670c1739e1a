package io.cascade.media;

/**
 * Names one derived form of a segment ({@link Segment#derived}) and the type it has. Declared
 * once, as a constant beside the code that makes the form (the TS form in {@code hls}, a DASH
 * track's fragments in {@code dash}, …), so a form is always stored and read back with one type
 * and no caller casts.
 *
 * <p>Keys compare by identity: two constants with the same name are different forms. A form
 * made per track (or per any small number) is a {@link #variant} of one constant.
 *
 * @param <T> the form's type
 */
public final class DerivedForm<T> {
    private final String name;
    private final DerivedForm<T> family;
    private final long variant;

    private DerivedForm(String name, DerivedForm<T> family, long variant) {
        this.name = name;
        this.family = family == null ? this : family;
        this.variant = variant;
    }

    /** A new form; {@code name} is for messages only. */
    public static <T> DerivedForm<T> named(String name) {
        return new DerivedForm<>(name, null, 0);
    }

    /** The form of this family for one {@code variant} (e.g. a track id); equal variants are one form. */
    public DerivedForm<T> variant(long variant) {
        return new DerivedForm<>(family.name + "#" + variant, family, variant);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DerivedForm<?> other && other.family == family && other.variant == variant;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(family) * 31 + Long.hashCode(variant);
    }

    @Override
    public String toString() {
        return name;
    }
}
