/**
 * Viewer sessions: one per viewer whatever the protocol, found by the id a playlist handed on,
 * by token, or by stream + address + protocol. A session counts its bytes, knows the server it
 * is watched on, can be cut (its protocol then refuses or closes it) and ends after an idle time
 * (HTTP) or when its connection closes. The registry also takes sessions reported by other
 * servers, so one place can list and limit the viewers of a cluster. Depends on nothing but the JDK.
 */
package io.cascade.session;
