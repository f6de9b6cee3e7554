package io.neoforge.sandbox.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;

public interface AdmissionHook {
    AdmissionResult admit(
            String operation /*CREATE|UPDATE*/,
            CustomResourceDefinition crd,
            ObjectNode newObject,
            ObjectNode oldObjectOrNull);
}
