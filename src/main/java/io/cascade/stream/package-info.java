/**
 * Live streams: the segmenter that cuts a stream's frames into canonical segments, the stream
 * with its lifecycle (static or on demand) and the registry of streams a server carries.
 */
package io.cascade.stream;
