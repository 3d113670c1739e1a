/** The command line and the wiring of one server from its config. */
package io.cascade;
