/**
 * The JSON API, in the v3 shape of the reference product so existing middleware and monitoring
 * keep working: {@code /streamer/api/v3/streams} and {@code /streamer/api/v3/streams/NAME}.
 */
package io.cascade.api;
