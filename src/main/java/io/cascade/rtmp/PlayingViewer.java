package io.cascade.rtmp;

/** The rest of the server's view of one playing connection. */
public interface PlayingViewer {
    /** A viewer nobody else follows. */
    PlayingViewer NONE = new PlayingViewer() {
        @Override
        public void onCut(Runnable cut) {
        }

        @Override
        public void ended() {
        }
    };

    /** {@code cut} closes the connection; called once playback has started. */
    void onCut(Runnable cut);

    /** The connection stopped playing (it closed or sent deleteStream). */
    void ended();
}
