/** The NeoForge resource model, API group {@code neoforge.io}, version {@code v1alpha1}. */
package io.neoforge.api.v1alpha1;
