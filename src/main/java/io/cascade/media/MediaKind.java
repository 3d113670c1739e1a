package io.cascade.media;

/** Whether a track carries pictures or sound. */
public enum MediaKind {
    VIDEO,
    AUDIO
}
