package io.cascade.rtspstream;

import io.cascade.auth.Admission;
import io.cascade.auth.PlayGate;
import io.cascade.rtsp.RtspRefusal;
import io.cascade.rtsp.RtspStatus;
import io.cascade.rtsp.RtspViewer;
import io.cascade.session.PlayRequest;
import io.cascade.session.Session;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * RTSP viewers let in through the server's one play gate: the same on_play backend, sessions
 * and {@code protocols} rules as every other protocol. A session lasts as long as the
 * connection; cutting it (API, max sessions, a denied re-check) closes the connection.
 */
public final class GatedAdmission implements PlayAdmission {
    private final PlayGate gate;

    public GatedAdmission(PlayGate gate) {
        this.gate = gate;
    }

    @Override
    public CompletableFuture<Void> admit(RtspViewer viewer, String stream) {
        PlayRequest asked = new PlayRequest(stream, RtspViewer.PROTOCOL, viewer.clientIp(),
                viewer.target().parameter("token"), Optional.empty(), viewer.target().query(), viewer.userAgent(), "",
                hostOf(viewer.uri()), true);
        return gate.admit(asked).thenCompose(a -> switch (a) {
            case Admission.Refused refused -> CompletableFuture.failedFuture(
                    new RtspRefusal(refused.status() == 404 ? RtspStatus.NOT_FOUND : RtspStatus.FORBIDDEN,
                            refused.reason()));
            case Admission.Granted granted -> {
                Session session = granted.session();
                session.countBytesFrom(viewer.bytesSent());
                session.onCut(viewer.disconnect());
                viewer.closed().whenComplete((v, e) -> gate.closed(session));
                yield CompletableFuture.completedFuture(null);
            }
        });
    }

    private static String hostOf(String uri) {
        try {
            return Optional.ofNullable(URI.create(uri).getHost()).orElse("");
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
