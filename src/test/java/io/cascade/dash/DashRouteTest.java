package io.cascade.dash;

import io.cascade.media.Codec;
import io.cascade.media.InitSegment;
import io.cascade.media.Segment;
import io.cascade.media.SegmentStore;
import io.cascade.media.Track;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DashRouteTest {
    private static final long T0 = 1_700_000_000L * 90_000;
    private static final long TWO = 180_000;
    private static final InitSegment INIT = new InitSegment(1, List.of(
            Track.video(1, Codec.H264, new byte[] {1}, 640, 360, 25)), new byte[0]);

    @Test
    void aFullWindowListsAllButTheTwoSegmentsAboutToBeDropped() {
        SegmentStore store = new SegmentStore(5);
        for (int i = 0; i < 7; i++) {
            store.addComplete(Segment.complete(10 + i, T0 + i * TWO, TWO, INIT, i == 1 || i == 3, new byte[0]));
        }
        // Kept: 12 .. 16; 13 is flagged, so is 11 (dropped); listed: 14 .. 16.
        DashWindow listed = DashRoute.listed(store.closedSegments(), store, 0);

        assertThat(listed.segments()).extracting(Segment::number).containsExactly(14L, 15L, 16L);
        assertThat(DashRoute.listed(store.closedSegments(), store, 15).segments()).extracting(Segment::number)
                .as("from where a client's first manifest began").containsExactly(15L, 16L);
        assertThat(DashRoute.listed(store.closedSegments(), store, 99).segments()).extracting(Segment::number)
                .containsExactly(16L);
        assertThat(listed.firstPeriodNumber()).as("discontinuities of 11 and 13").isEqualTo(2);
        assertThat(listed.firstPeriodStart()).isEqualTo(T0 + 3 * TWO);
    }

    @Test
    void aWindowStillFillingListsEverySegmentItCanKeep() {
        SegmentStore store = new SegmentStore(10);
        store.addComplete(Segment.complete(1, T0, TWO, INIT, false, new byte[0]));
        store.addComplete(Segment.complete(2, T0 + TWO, TWO, INIT, false, new byte[0]));

        assertThat(DashRoute.listed(store.closedSegments(), store, 0).segments()).hasSize(2);
        SegmentStore tiny = new SegmentStore(1);
        tiny.addComplete(Segment.complete(1, T0, TWO, INIT, false, new byte[0]));
        assertThat(DashRoute.listed(tiny.closedSegments(), tiny, 0).segments()).as("never none").hasSize(1);
    }

    @Test
    void aTimelineThatWentBackIsListedFromWhereItDid() {
        SegmentStore store = new SegmentStore(10);
        store.addComplete(Segment.complete(1, T0 + 100 * TWO, TWO, INIT, false, new byte[0]));
        store.addComplete(Segment.complete(2, T0, TWO, INIT, true, new byte[0]));
        store.addComplete(Segment.complete(3, T0 + TWO, TWO, INIT, false, new byte[0]));

        DashWindow listed = DashRoute.listed(store.closedSegments(), store, 0);

        assertThat(listed.segments()).extracting(Segment::number).containsExactly(2L, 3L);
        assertThat(listed.firstPeriodNumber()).isEqualTo(1);
    }

    @Test
    void theTimeUrlIsRelativeToTheManifestOfAnyStreamName() {
        assertThat(DashRoute.timeUrl("demo")).isEqualTo("../time");
        assertThat(DashRoute.timeUrl("news/channel1")).isEqualTo("../../time");
    }

    @Test
    void aClientsFirstManifestStartsNearTheEdgeAndItWaitsOnceItHasTheNewestSegment() {
        DashClients clients = new DashClients();

        assertThat(clients.hasNewest("a", 20)).as("unknown").isFalse();
        assertThat(clients.firstListed("a", 20, 0)).isEqualTo(20 - DashClients.FIRST_LISTED + 1);
        assertThat(clients.firstListed("a", 25, 1)).as("remembered").isEqualTo(20 - DashClients.FIRST_LISTED + 1);
        assertThat(clients.firstListed("b", 25, 1)).isEqualTo(25 - DashClients.FIRST_LISTED + 1);
        clients.fetched("a", 24, 2);
        assertThat(clients.hasNewest("a", 25)).isFalse();
        clients.fetched("a", 25, 3);
        assertThat(clients.hasNewest("a", 25)).isTrue();
        assertThat(clients.hasNewest("a", 26)).isFalse();
        assertThat(clients.hasNewest("b", 25)).isFalse();
        assertThat(clients.firstListed("a", 90, 120_000_000_000L)).as("forgotten after a minute").isEqualTo(88);
    }
}
