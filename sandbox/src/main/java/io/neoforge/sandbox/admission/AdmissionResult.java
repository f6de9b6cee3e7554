package io.neoforge.sandbox.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

public record AdmissionResult(
        boolean allowed,
        ObjectNode object /*possibly defaulted*/,
        int code,
        String reason,
        String message,
        List<String> causes) {}
