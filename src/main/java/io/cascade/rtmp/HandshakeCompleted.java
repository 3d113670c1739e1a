package io.cascade.rtmp;

/** User event fired down the pipeline once the handshake is done and chunks may flow. */
public enum HandshakeCompleted {
    INSTANCE
}
