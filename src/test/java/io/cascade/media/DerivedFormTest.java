package io.cascade.media;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class DerivedFormTest {
    private static final DerivedForm<byte[]> FORM = DerivedForm.named("form");
    private static final DerivedForm<String> SAME_NAME = DerivedForm.named("form");

    private static Segment closed() {
        InitSegment init = new InitSegment(1, List.of(), new byte[0]);
        return Segment.complete(1, 0, 90_000, init, false, new byte[] {1, 2, 3});
    }

    @Test
    void aFormIsMadeOnceAndKeepsItsType() {
        Segment s = closed();
        AtomicInteger made = new AtomicInteger();
        byte[] first = s.derived(FORM, seg -> {
            made.incrementAndGet();
            return seg.bytes();
        });
        byte[] again = s.derived(FORM, seg -> new byte[0]);
        assertThat(again).isSameAs(first);
        assertThat(made).hasValue(1);
    }

    @Test
    void formsAreKeyedByIdentityNotName() {
        Segment s = closed();
        s.derived(FORM, seg -> new byte[0]);
        String other = s.derived(SAME_NAME, seg -> "other");
        assertThat(other).isEqualTo("other");
    }

    @Test
    void variantsOfOneFormAreDistinctAndStable() {
        assertThat(FORM.variant(1)).isEqualTo(FORM.variant(1)).hasSameHashCodeAs(FORM.variant(1));
        assertThat(FORM.variant(1)).isNotEqualTo(FORM.variant(2)).isNotEqualTo(FORM);
        assertThat(SAME_NAME.variant(1)).isNotEqualTo(FORM.variant(1));
        Segment s = closed();
        s.derived(FORM.variant(1), seg -> new byte[] {1});
        assertThat(s.derived(FORM.variant(2), seg -> new byte[] {2})).containsExactly(2);
        assertThat(s.derived(FORM.variant(1), seg -> new byte[] {9})).containsExactly(1);
    }
}
