package io.neoforge.launcher;

import java.util.function.BooleanSupplier;

/** Something the sandbox waits for before it says it is ready, e.g. "the operator (http://...)". */
record ReadinessCheck(String what, BooleanSupplier ready) {}
