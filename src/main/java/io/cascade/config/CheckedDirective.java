package io.cascade.config;

/** A node that passed the shape checks, with the directive it was recognised as. */
record CheckedDirective(Directive directive, ConfigNode node) {
}
