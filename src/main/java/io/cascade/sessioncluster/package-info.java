/**
 * Viewer sessions and the cluster joined: this server's sessions as the cluster reports them
 * upstream and cuts them ({@link io.cascade.sessioncluster.LocalSessions}), and the sessions the
 * tier below reports, listed by this server's session registry with the server each viewer
 * watches on ({@link io.cascade.sessioncluster.ReportedSessionSink}).
 */
package io.cascade.sessioncluster;
