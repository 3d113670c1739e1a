/** Test support shared by every package: external tool checks and the golden samples. */
package io.cascade.testing;
