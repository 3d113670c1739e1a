package io.cascade.http;

import io.netty.channel.Channel;

/** Lets tests outside this package stream a reply into a Netty test channel. */
public final class TestReplies {
    private TestReplies() {
    }

    public static StreamingReply on(Channel channel) {
        return new StreamingReply(channel);
    }
}
